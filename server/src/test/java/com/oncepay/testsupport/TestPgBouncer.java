package com.oncepay.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * One real PgBouncer per JVM (Debian's, which CI installs), in transaction mode with exactly the
 * tuning of {@code deploy/pgbouncer/pgbouncer.ini}, in front of the test PostgreSQL: its fallback
 * database {@code *} forwards every test database. Stopped by its PID when the JVM exits.
 */
public final class TestPgBouncer {

  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");
  private static final Path TUNING = Path.of("../deploy/pgbouncer/pgbouncer.ini");
  private static int port;
  private static Process process;

  private TestPgBouncer() {}

  /** The URL of the same database as {@code directUrl}, through PgBouncer. */
  public static synchronized String route(String directUrl) {
    Properties target = Driver.parseURL(directUrl, null);
    if (process == null) {
      start(target.getProperty("PGHOST"), Integer.parseInt(target.getProperty("PGPORT")));
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + target.getProperty("PGDBNAME");
  }

  private static void start(String host, int pgPort) {
    if (!Files.isExecutable(PGBOUNCER)) {
      throw new IllegalStateException(
          "pgbouncer is not installed (apt-get install pgbouncer; .ci/run does it)");
    }
    try {
      Path dir = Files.createTempDirectory("oncepay-test-pgbouncer");
      Path tuning = TUNING.toAbsolutePath().normalize();
      port = LocalPorts.free();
      Path users = dir.resolve("users.txt");
      Files.writeString(users, "\"" + TestPostgres.user() + "\" \"\"\n");
      Path ini = dir.resolve("pgbouncer.ini");
      Files.write(
          ini,
          List.of(
              "[databases]",
              "* = host=" + host + " port=" + pgPort,
              "[pgbouncer]",
              "listen_addr = 127.0.0.1",
              "listen_port = " + port,
              "unix_socket_dir = " + dir,
              "auth_type = trust",
              "auth_file = " + users,
              "logfile = " + dir.resolve("pgbouncer.log"),
              "%include " + tuning));
      List<String> command = new ArrayList<>(List.of(PGBOUNCER.toString()));
      if ("root".equals(System.getProperty("user.name"))) {
        // PgBouncer refuses to run as root; -u drops to the postgres user, which must read these.
        command.addAll(List.of("-u", "postgres"));
        tuning.toFile().setReadable(true, false);
        for (Path p = tuning.getParent(); p != null; p = p.getParent()) {
          p.toFile().setExecutable(true, false);
        }
        for (Path p : List.of(dir, users, ini)) {
          p.toFile().setReadable(true, false);
          p.toFile().setExecutable(true, false);
        }
        dir.toFile().setWritable(true, false);
      }
      command.add(ini.toString());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      Process started = process;
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
      Await.until(
          Duration.ofSeconds(10),
          "pgbouncer to listen on " + port,
          () -> LocalPorts.listening(port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
