package com.oncepay.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for {@code ./oncepay serve} with no configuration. Durable like production
 * (fsync and synchronous_commit on: a payment we acknowledged must survive a power cut), with its
 * data under the oncepay home so orders outlive restarts.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresServer start(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory.getParent());
    stopOrphanedPostmaster(dataDirectory);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "300")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dataDirectory);
    return new EmbeddedPostgresServer(postgres);
  }

  /**
   * After a {@code kill -9} of the service the postmaster it started lives on, still holding the
   * data directory. It is ours (its pid file is in our data directory), so stop it; a pid file
   * whose process is gone is just removed.
   */
  static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
    boolean ours =
        postmaster
            .flatMap(p -> p.info().command())
            .map(command -> command.endsWith("/postgres") || command.endsWith("postgres"))
            .orElse(false);
    if (postmaster.isPresent() && ours && postmaster.get().isAlive()) {
      log.warn(
          "stopping the orphaned PostgreSQL (pid {}) left by a previous run",
          postmaster.get().pid());
      postmaster.get().destroy();
      try {
        postmaster.get().onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException(
            "the PostgreSQL left by a previous run (pid "
                + postmaster.get().pid()
                + ") did not stop; stop it and start again",
            e);
      }
    }
    Files.deleteIfExists(pidFile);
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
