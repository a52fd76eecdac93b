package com.oncepay.lab.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's own PostgreSQL and PgBouncer, for real: the wrapper's site keys and every tuning key of
 * deploy/pgbouncer/pgbouncer.ini are both in force ({@code SHOW CONFIG} on the admin console), a
 * query goes through to PostgreSQL, PgBouncer comes back on its port after {@code kill -9}, and
 * PostgreSQL after {@code pg_ctl restart -m fast}.
 */
class PgBouncerIncludeIT {

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void theSitesKeysAndTheDeployTuningAreBothInForce() throws Exception {
    Ports ports = new Ports();
    SpawnedPostgres postgres = SpawnedPostgres.start(dir, ports.next(), 40);
    SpawnedPgBouncer bouncer = null;
    try {
      Path tuning = ServerJar.deployDir().resolve("pgbouncer/pgbouncer.ini");
      bouncer = SpawnedPgBouncer.start(dir, ports.next(), postgres.port(), tuning);

      Map<String, String> config = showConfig(bouncer.port());
      assertThat(config)
          .containsEntry("listen_port", Integer.toString(bouncer.port()))
          .containsEntry("auth_type", "trust");
      for (Map.Entry<String, String> key : tuningKeys(tuning).entrySet()) {
        assertThat(config).as(key.getKey()).containsEntry(key.getKey(), key.getValue());
      }
      assertThat(psql(bouncer.port(), SpawnedPostgres.DATABASE, "select 41 + 1")).isEqualTo("42");

      bouncer.kill();
      assertThat(Ports.listening(bouncer.port())).isFalse();
      bouncer.restart();
      postgres.restart();
      assertThat(psql(bouncer.port(), SpawnedPostgres.DATABASE, "select 'back'")).isEqualTo("back");
    } finally {
      if (bouncer != null) {
        bouncer.stop();
      }
      postgres.stop();
    }
    assertThat(Files.exists(dir.resolve("pgdata/postmaster.pid"))).isFalse();
  }

  /** {@code key = value} lines of the deploy file, without comments. */
  private static Map<String, String> tuningKeys(Path tuning) throws Exception {
    Map<String, String> keys = new TreeMap<>();
    for (String line : Files.readAllLines(tuning)) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith(";") || l.startsWith("[") || !l.contains("=")) {
        continue;
      }
      String[] kv = l.split("=", 2);
      keys.put(kv[0].strip(), kv[1].strip());
    }
    assertThat(keys).containsKeys("pool_mode", "ignore_startup_parameters");
    return keys;
  }

  private Map<String, String> showConfig(int port) throws Exception {
    Map<String, String> config = new TreeMap<>();
    for (String row : psql(port, "pgbouncer", "show config").split("\n")) {
      String[] cols = row.split("\\|", -1);
      if (cols.length >= 2) {
        config.put(cols[0], cols[1]);
      }
    }
    return config;
  }

  private String psql(int port, String database, String sql) throws Exception {
    Path out = Files.createTempFile(dir, "psql", ".out");
    List<String> command =
        List.of(
            Binaries.postgresBin().resolve("psql").toString(),
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            SpawnedPostgres.USER,
            "-d",
            database,
            "-tAc",
            sql);
    ChildProcess.run("psql", command, dir, out, Duration.ofSeconds(20));
    return Files.readString(out).strip();
  }
}
