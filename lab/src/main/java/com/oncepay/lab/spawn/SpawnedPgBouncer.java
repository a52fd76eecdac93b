package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * PgBouncer in front of the topology's PostgreSQL, with the tuning of {@code
 * deploy/pgbouncer/pgbouncer.ini} used unchanged through {@code %include}, and a site wrapper
 * written into the run's directory.
 *
 * <p><b>Where the include goes.</b> PgBouncer 1.18 resets every {@code [pgbouncer]} setting to its
 * default each time a {@code [pgbouncer]} section header appears, in the main file or in an
 * included one (checked with Debian's 1.18.0: a wrapper that sets {@code listen_port} and then
 * includes a file that starts with {@code [pgbouncer]} listens on 6432); within one section the
 * last value of a key wins. The deploy file is therefore a fragment without a header, and the
 * wrapper includes it at the end of its own {@code [pgbouncer]} section, after the site's keys: the
 * tuning is in force even where a site key would repeat it. {@code PgBouncerIncludeIT} checks both
 * halves with {@code SHOW CONFIG}.
 */
public final class SpawnedPgBouncer {

  private static final Duration START = Duration.ofSeconds(20);

  private final Path dir;
  private final Path ini;
  private final Path log;
  private final int port;
  private final List<String> command;
  private volatile ChildProcess process;
  private volatile boolean stopped;

  private SpawnedPgBouncer(Path dir, Path ini, int port, List<String> command) {
    this.dir = dir;
    this.ini = ini;
    this.log = dir.resolve("pgbouncer.log");
    this.port = port;
    this.command = command;
  }

  /**
   * Writes the wrapper and starts PgBouncer on {@code port}, pointing at PostgreSQL on {@code
   * postgresPort}.
   *
   * @param tuning {@code deploy/pgbouncer/pgbouncer.ini}
   */
  public static SpawnedPgBouncer start(Path dir, int port, int postgresPort, Path tuning) {
    Path binary = Binaries.pgbouncer();
    if (!Files.isRegularFile(tuning)) {
      throw new LabConnectionException("the PgBouncer tuning file is missing: " + tuning);
    }
    Path home = dir.resolve("pgbouncer");
    Path ini = home.resolve("pgbouncer.ini");
    try {
      Files.createDirectories(home);
      Files.writeString(
          home.resolve("users.txt"),
          "\"" + SpawnedPostgres.USER + "\" \"\"\n",
          StandardCharsets.UTF_8);
      Files.writeString(
          ini, wrapper(home, port, postgresPort, tuning.toAbsolutePath()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabConnectionException("cannot write the PgBouncer configuration: " + e, e);
    }
    SpawnedPgBouncer bouncer =
        new SpawnedPgBouncer(
            home,
            ini,
            port,
            Binaries.command(Binaries.unprivileged(), binary.toString(), ini.toString()));
    bouncer.startProcess();
    return bouncer;
  }

  /** The site wrapper: the site's keys, then the tuning fragment, last in the section. */
  static String wrapper(Path home, int port, int postgresPort, Path tuning) {
    return String.join(
        "\n",
        ";; Written by the race lab for this run: the site's part, then oncepay's tuning",
        ";; (deploy/pgbouncer/pgbouncer.ini, a fragment of this [pgbouncer] section).",
        "[databases]",
        SpawnedPostgres.DATABASE
            + " = host=127.0.0.1 port="
            + postgresPort
            + " dbname="
            + SpawnedPostgres.DATABASE,
        "",
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        "listen_port = " + port,
        "unix_socket_dir = " + home,
        "auth_type = trust",
        "auth_file = " + home.resolve("users.txt"),
        "admin_users = " + SpawnedPostgres.USER,
        "logfile = " + home.resolve("pgbouncer-own.log"),
        "pidfile = " + home.resolve("pgbouncer.pid"),
        "%include " + tuning,
        "");
  }

  private void startProcess() {
    ChildProcess p = ChildProcess.start("PgBouncer", new ProcessBuilder(command), dir, log);
    process = p;
    if (stopped) {
      // stop() ran while this one started: it is not to outlive the run.
      p.kill();
      throw new LabConnectionException("the PgBouncer is being stopped");
    }
    Readiness.await(p, START, "PgBouncer on port " + port, () -> Ports.listening(port));
  }

  public int port() {
    return port;
  }

  public Path ini() {
    return ini;
  }

  /** The fault: {@code kill -9}, so every client and server connection drops at once. */
  public void kill() {
    process.kill();
    try {
      Files.deleteIfExists(dir.resolve("pgbouncer.pid"));
    } catch (IOException e) {
      // PgBouncer overwrites a stale pid file whose process is gone
    }
  }

  /** Starts it again on the same port with the same configuration. */
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
