package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The topology's own PostgreSQL: {@code initdb} into the run's directory, trust authentication,
 * 127.0.0.1 on a free port and a unix socket in the run's directory (never the machine's shared
 * PostgreSQL on 5432), run by {@code pg_ctl}. Stopped with {@code pg_ctl stop -m fast}; if that
 * fails, its postmaster is killed by the PID in its own {@code postmaster.pid}.
 */
public final class SpawnedPostgres {

  public static final String USER = "postgres";
  public static final String DATABASE = "oncepay";

  private static final Duration START = Duration.ofSeconds(60);

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final Path log;
  private final int port;
  private final List<String> prefix;
  private volatile boolean stopped;

  private SpawnedPostgres(Path bin, Path dir, int port, List<String> prefix) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("pgdata");
    this.log = dir.resolve("postgres.log");
    this.port = port;
    this.prefix = prefix;
  }

  /**
   * Creates the cluster and the database and starts it.
   *
   * @param maxConnections PostgreSQL's {@code max_connections}
   */
  public static SpawnedPostgres start(Path dir, int port, int maxConnections) {
    SpawnedPostgres pg =
        new SpawnedPostgres(Binaries.postgresBin(), dir, port, Binaries.unprivileged());
    pg.initdb(maxConnections);
    pg.pgCtl("start", "-w", "-t", Long.toString(START.toSeconds()), "-l", pg.log.toString());
    ChildProcess.run(
        "createdb",
        Binaries.command(
            pg.prefix,
            pg.bin.resolve("createdb").toString(),
            "-h",
            dir.toString(),
            "-p",
            Integer.toString(port),
            "-U",
            USER,
            DATABASE),
        dir,
        dir.resolve("createdb.log"),
        START);
    return pg;
  }

  private void initdb(int maxConnections) {
    ChildProcess.run(
        "initdb",
        Binaries.command(
            prefix,
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-A",
            "trust",
            "-U",
            USER,
            "-E",
            "UTF8",
            "--locale=C"),
        dir,
        dir.resolve("initdb.log"),
        START);
    // In postgresql.conf rather than on the command line, so pg_ctl restart keeps them.
    String settings =
        String.join(
            "\n",
            "",
            "# race lab topology",
            "listen_addresses = '127.0.0.1'",
            "port = " + port,
            "unix_socket_directories = '" + dir + "'",
            "max_connections = " + maxConnections,
            "shared_buffers = 128MB",
            "fsync = on",
            "synchronous_commit = on",
            "log_min_messages = warning",
            "log_connections = off",
            "");
    try {
      Files.writeString(
          data.resolve("postgresql.conf"),
          settings,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new LabConnectionException("cannot configure PostgreSQL in " + data + ": " + e, e);
    }
  }

  private void pgCtl(String action, String... options) {
    List<String> command =
        Binaries.command(prefix, bin.resolve("pg_ctl").toString(), action, "-D", data.toString());
    command.addAll(List.of(options));
    ChildProcess.run("pg_ctl " + action, command, dir, dir.resolve("pg_ctl.log"), START);
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** The fault: {@code pg_ctl restart -m fast}, which ends every connection. */
  public void restart() {
    if (stopped) {
      throw new LabConnectionException("PostgreSQL is being stopped");
    }
    pgCtl(
        "restart",
        "-w",
        "-m",
        "fast",
        "-t",
        Long.toString(START.toSeconds()),
        "-l",
        log.toString());
  }

  /** {@code pg_ctl stop -m fast}; if that fails, SIGTERM/SIGKILL to the postmaster by its PID. */
  public void stop() {
    stopped = true;
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return;
    }
    try {
      pgCtl("stop", "-w", "-m", "fast", "-t", "30");
    } catch (LabConnectionException e) {
      postmaster().ifPresent(p -> p.stop(Duration.ofSeconds(10)));
    }
  }

  private java.util.Optional<ChildProcess> postmaster() {
    try {
      List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
      long pid = Long.parseLong(lines.getFirst().trim());
      return java.util.Optional.of(
          ChildProcess.adopt("PostgreSQL postmaster", pid, "postgres", log));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
