package com.oncepay.lab.spawn;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One oncepay server ({@code java -jar oncepay.jar serve}) of the topology, on its own port with
 * its own {@code ONCEPAY_HOME}. A restart after {@code kill -9} uses the same port, so HAProxy's
 * health check brings it back into rotation.
 */
public final class SpawnedInstance {

  private static final Duration START = Duration.ofSeconds(180);
  static final int RESTART_TRIES = 30;

  private final String name;
  private final ServerJar jar;
  private final List<String> jvmOptions;
  private final Path dir;
  private final int port;
  private final Map<String, String> env;
  private final String webhookSecret;
  private volatile ChildProcess process;
  private volatile boolean ready;
  private volatile boolean stopped;

  private SpawnedInstance(
      String name,
      ServerJar jar,
      List<String> jvmOptions,
      Path dir,
      int port,
      Map<String, String> env,
      String webhookSecret) {
    this.name = name;
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.dir = dir;
    this.port = port;
    this.env = Map.copyOf(env);
    this.webhookSecret = webhookSecret;
  }

  /**
   * Starts the process; {@link #awaitReady} waits for it.
   *
   * @param jvmOptions options of its JVM, such as {@code -Xmx512m}
   * @param env the {@code ONCEPAY_*} settings shared by every instance (ports and homes are added)
   */
  public static SpawnedInstance launch(
      String name,
      ServerJar jar,
      List<String> jvmOptions,
      Path dir,
      int port,
      Map<String, String> env,
      String webhookSecret) {
    SpawnedInstance instance =
        new SpawnedInstance(name, jar, jvmOptions, dir, port, env, webhookSecret);
    instance.launchProcess();
    return instance;
  }

  private void launchProcess() {
    ProcessBuilder command =
        jar.command(jvmOptions, "serve", "--oncepay.gateway.webhook-secrets=" + webhookSecret);
    Map<String, String> childEnv = command.environment();
    childEnv.keySet().removeIf(k -> k.startsWith("ONCEPAY_"));
    childEnv.putAll(env);
    childEnv.put("ONCEPAY_PORT", Integer.toString(port));
    Path home = dir.resolve(name);
    childEnv.put("ONCEPAY_HOME", home.toString());
    try {
      Files.createDirectories(home);
    } catch (java.io.IOException e) {
      throw new com.oncepay.lab.load.LabConnectionException("cannot create " + home, e);
    }
    if (stopped) {
      throw new com.oncepay.lab.load.LabConnectionException(name + " is being stopped");
    }
    ChildProcess p =
        ChildProcess.start("oncepay " + name, command, dir, dir.resolve(name + ".log"));
    process = p;
    if (stopped) {
      // stop() ran while this one started: it is not to outlive the run.
      p.kill();
      throw new com.oncepay.lab.load.LabConnectionException(name + " is being stopped");
    }
  }

  /** Waits until its readiness probe answers 200. */
  public void awaitReady() {
    URI readiness = URI.create(url() + "/actuator/health/readiness");
    Readiness.await(
        process, START, "oncepay " + name + " on " + url(), () -> Readiness.answers200(readiness));
    ready = true;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path log() {
    return dir.resolve(name + ".log");
  }

  /** Whether it is running and has been ready since it last started. */
  public boolean isUp() {
    ChildProcess p = process;
    return ready && p != null && p.isAlive();
  }

  /** The fault: {@code kill -9}, with requests in flight. */
  public void kill() {
    ready = false;
    process.kill();
  }

  /**
   * Starts it again on the same port and waits until it is ready. Like a supervisor (systemd's
   * {@code Restart=always}), it starts it again when it exits before it is ready — oncepay refuses
   * to start while its database is unreachable, as during a PgBouncer cut — for up to {@value
   * #RESTART_TRIES} tries, a second apart.
   *
   * @return how many starts it took
   */
  public int restart() {
    for (int attempt = 1; ; attempt++) {
      launchProcess();
      try {
        awaitReady();
        return attempt;
      } catch (com.oncepay.lab.load.LabConnectionException e) {
        if (stopped || process.isAlive() || attempt >= RESTART_TRIES) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);
      }
    }
  }

  /**
   * SIGTERM (graceful shutdown: it drains and hands back what it holds), then SIGKILL.
   *
   * @return false when it had to be killed
   */
  public boolean stop() {
    stopped = true;
    ready = false;
    ChildProcess p = process;
    return p == null || p.stop(Duration.ofSeconds(30));
  }
}
