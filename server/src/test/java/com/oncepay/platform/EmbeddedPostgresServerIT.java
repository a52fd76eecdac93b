package com.oncepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-configuration database: durable settings, data kept across restarts, and a start after
 * {@code kill -9} of the service, whose postmaster lives on holding the data directory.
 */
class EmbeddedPostgresServerIT {

  @TempDir Path home;

  private static String query(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url, "postgres", null);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void durableAndRestartsAfterTheServiceWasKilled() throws Exception {
    Path data = home.resolve("pgdata");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedPostgresChild.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .start();
    String url;
    try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      url =
          CompletableFuture.supplyAsync(
                  () ->
                      out.lines()
                          .filter(line -> line.startsWith("ready "))
                          .findFirst()
                          .orElseThrow()
                          .substring(6))
              .get(120, TimeUnit.SECONDS);
      assertThat(query(url, "SHOW fsync")).isEqualTo("on");
      assertThat(query(url, "SHOW synchronous_commit")).isEqualTo("on");
      try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
        c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // The postmaster outlived its parent and still holds the data directory.
    assertThat(Files.exists(data.resolve("postmaster.pid"))).isTrue();
    long orphan =
        Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    try (EmbeddedPostgresServer restarted = EmbeddedPostgresServer.start(data)) {
      assertThat(query(restarted.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("42");
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }
}
