package com.oncepay.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.Driver;
import org.springframework.util.FileSystemUtils;

/**
 * A real PgBouncer (Debian's, which CI installs), in transaction mode with exactly the tuning of
 * {@code deploy/pgbouncer/pgbouncer.ini}, in front of the test PostgreSQL: its fallback database
 * {@code *} forwards every test database. One is shared per JVM ({@link #route}); a test that cuts
 * the pooler starts its own ({@link #own}) and stops and restarts only that one, by its process.
 */
public final class TestPgBouncer implements AutoCloseable {

  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");
  private static final Path TUNING = Path.of("../deploy/pgbouncer/pgbouncer.ini");
  private static TestPgBouncer shared;

  private final Path dir;
  private final Path ini;
  private final int port;
  private Process process;

  private TestPgBouncer(String host, int pgPort) throws IOException {
    if (!Files.isExecutable(PGBOUNCER)) {
      throw new IllegalStateException(
          "pgbouncer is not installed (apt-get install pgbouncer; .ci/run does it)");
    }
    dir = Files.createTempDirectory("oncepay-test-pgbouncer");
    Path tuning = TUNING.toAbsolutePath().normalize();
    port = LocalPorts.free();
    Path users = dir.resolve("users.txt");
    Files.writeString(users, "\"" + TestPostgres.user() + "\" \"\"\n");
    ini = dir.resolve("pgbouncer.ini");
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
    if (runsAsRoot()) {
      // PgBouncer refuses to run as root; -u drops to the postgres user, which must read these.
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
    start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** The URL of the same database as {@code directUrl}, through the JVM's shared PgBouncer. */
  public static synchronized String route(String directUrl) {
    if (shared == null) {
      shared = own(directUrl);
    }
    return shared.url(directUrl);
  }

  /** A PgBouncer of the caller's own, in front of the server of {@code directUrl}. */
  public static TestPgBouncer own(String directUrl) {
    Properties target = Driver.parseURL(directUrl, null);
    try {
      return new TestPgBouncer(
          target.getProperty("PGHOST"), Integer.parseInt(target.getProperty("PGPORT")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of the same database as {@code directUrl}, through this PgBouncer. */
  public String url(String directUrl) {
    Properties target = Driver.parseURL(directUrl, null);
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + target.getProperty("PGDBNAME");
  }

  /** SIGKILL: every client connection drops at once, as when the pooler's host dies. */
  public synchronized void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  private void awaitExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts it again on the same port, after {@link #kill}. */
  public synchronized void start() {
    List<String> command = new ArrayList<>(List.of(PGBOUNCER.toString()));
    if (runsAsRoot()) {
      command.addAll(List.of("-u", "postgres"));
    }
    command.add(ini.toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Await.until(
        Duration.ofSeconds(10), "pgbouncer to listen on " + port, () -> LocalPorts.listening(port));
  }

  /** Stops it for good and removes its directory (configuration, socket, logs). */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      awaitExit();
    }
    try {
      FileSystemUtils.deleteRecursively(dir);
    } catch (IOException e) {
      // Only a leftover in the temporary directory; the test's outcome does not depend on it.
    }
  }

  private static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
