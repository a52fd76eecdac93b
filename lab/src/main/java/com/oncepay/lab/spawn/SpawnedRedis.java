package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The lab's own redis-server for {@code --strategy redis}: a child process on a free port, keeping
 * nothing on disk (so a restart forgets every lock and fencing counter, the case the strategy must
 * survive), with {@code maxmemory-policy noeviction} (what the server's start-up check demands).
 * Stopped and restarted by its PID; the machine's own Redis is never touched.
 */
public final class SpawnedRedis {

  private static final Duration START = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final List<String> command;
  private volatile ChildProcess process;
  private volatile boolean stopped;

  private SpawnedRedis(Path dir, int port, List<String> command) {
    this.dir = dir;
    this.port = port;
    this.command = command;
  }

  /** Whether the servers need a Redis of the lab's own: strategy redis and no ONCEPAY_REDIS_URL. */
  public static boolean wanted(java.util.Map<String, String> env) {
    return "redis".equals(env.get("ONCEPAY_CONCURRENCY_STRATEGY"))
        && env.get("ONCEPAY_REDIS_URL") == null;
  }

  /** Starts it in {@code <dir>/redis} on {@code port} and waits until it listens. */
  public static SpawnedRedis start(Path dir, int port) {
    Path binary = Binaries.program("redis-server", "redis-server");
    Path home = dir.resolve("redis");
    try {
      Files.createDirectories(home);
    } catch (java.io.IOException e) {
      throw new LabConnectionException("cannot create " + home + ": " + e, e);
    }
    SpawnedRedis redis =
        new SpawnedRedis(
            home,
            port,
            List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory-policy",
                "noeviction",
                "--daemonize",
                "no",
                "--dir",
                home.toString()));
    redis.startProcess();
    return redis;
  }

  private void startProcess() {
    ChildProcess p =
        ChildProcess.start(
            "redis-server", new ProcessBuilder(command), dir, dir.resolve("redis.log"));
    process = p;
    if (stopped) {
      p.kill();
      throw new LabConnectionException("the Redis is being stopped");
    }
    Readiness.await(p, START, "redis-server on port " + port, () -> Ports.listening(port));
  }

  public URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  /** The chaos fault: {@code kill -9}; it forgets every lock and counter (nothing on disk). */
  public void kill() {
    process.kill();
  }

  /** Starts it again on the same port, empty. */
  public void restart() {
    startProcess();
  }

  public void stop() {
    stopped = true;
    ChildProcess p = process;
    if (p != null) {
      p.stop(Duration.ofSeconds(10));
    }
  }
}
