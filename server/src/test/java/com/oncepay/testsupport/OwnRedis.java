package com.oncepay.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own: a child process on a free port that keeps nothing on disk (as
 * the machine's Redis), stopped and restarted by its PID. The shared Redis on 6379 is never
 * touched.
 */
public final class OwnRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private final List<String> settings;
  private Process process;

  private OwnRedis(int port, Path dir, List<String> settings) {
    this.port = port;
    this.dir = dir;
    this.settings = settings;
  }

  /** Starts one on a free port with {@code settings} added to the command line. */
  public static OwnRedis start(Path dir, String... settings) {
    OwnRedis redis = new OwnRedis(LocalPorts.free(), dir, List.of(settings));
    redis.startProcess();
    return redis;
  }

  public URI url() {
    return URI.create("redis://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL by PID, as a crash: it forgets every lock and counter (nothing is on disk). */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Await.until(
        Duration.ofSeconds(10), "port " + port + " closed", () -> !LocalPorts.listening(port));
  }

  /** SIGSTOP by PID: it keeps its connections open and answers nothing, as a Redis stuck. */
  public void freeze() {
    signal("-STOP");
  }

  /** SIGCONT: it answers again, with everything it had. */
  public void thaw() {
    signal("-CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts it again on the same port, empty. */
  public void startAgain() {
    startProcess();
  }

  private void startProcess() {
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                dir.toString()));
    command.addAll(settings);
    try {
      Files.createDirectories(dir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dir.resolve("redis-" + port + ".log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server (apt-get install redis-server)", e);
    }
    Await.until(
        Duration.ofSeconds(10), "redis-server on port " + port, () -> LocalPorts.listening(port));
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      thaw();
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
