package com.oncepay.doctor;

import com.oncepay.config.OncepayProperties;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PostgreSQL server's settings and activity on a connection opened like oncepay's pool,
 * and judges them with {@link PostgresRules}. Activity is looked at in oncepay's database only:
 * another database's transactions neither hold oncepay's locks nor its vacuum back.
 */
final class PostgresProbe {

  private final Connection connection;
  private final OncepayProperties.Db db;
  private final boolean pooled;
  private final Thresholds thresholds;

  /** {@code pooled}: behind a pooler, where oncepay sets its limits per transaction. */
  PostgresProbe(
      Connection connection, OncepayProperties.Db db, boolean pooled, Thresholds thresholds) {
    this.connection = connection;
    this.db = db;
    this.pooled = pooled;
    this.thresholds = thresholds;
  }

  List<Finding> run() {
    return List.of(
        Checks.attempt("pg-primary", this::primary),
        Checks.attempt("pg-durability", this::durability),
        Checks.attempt("pg-connections", this::connections),
        Checks.attempt("pg-timeouts", this::timeouts),
        Checks.attempt("pg-autovacuum", this::autovacuum),
        Checks.attempt("pg-bloat", this::bloat),
        Checks.attempt("pg-long-transactions", this::longTransactions),
        Checks.attempt("pg-lock-waits", this::lockWaits));
  }

  /** The number of oncepay instances connected now (at least 1: the one being checked). */
  int instances() throws SQLException {
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT count(*), count(DISTINCT client_addr) FROM pg_stat_activity
                 WHERE application_name = 'oncepay' AND datname = current_database()
                """)) {
      rs.next();
      // Each instance keeps its whole pool open (minimumIdle = pool size), so connections / pool
      // counts instances on one host; distinct addresses count them across hosts.
      int byCount = (int) Math.ceil(rs.getInt(1) / (double) db.poolSize());
      return Math.max(1, Math.max(byCount, rs.getInt(2)));
    }
  }

  /**
   * The database clock against ours: its clock_timestamp() is taken somewhere in the round trip, so
   * compare it with the round trip's midpoint (the error is at most half the round trip).
   */
  Duration clockSkew() throws SQLException {
    try (Statement s = connection.createStatement()) {
      long before = System.currentTimeMillis();
      try (ResultSet rs =
          s.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
        long after = System.currentTimeMillis();
        rs.next();
        return Duration.ofMillis(rs.getLong(1) - (before + after) / 2);
      }
    }
  }

  String serverVersion() throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private Finding primary() throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return PostgresRules.primary(rs.getBoolean(1));
    }
  }

  private Finding durability() throws SQLException {
    Map<String, String> s = settings("fsync", "synchronous_commit");
    return PostgresRules.durability(s.get("fsync"), s.get("synchronous_commit"));
  }

  private Finding connections() throws SQLException {
    Map<String, String> s =
        settings("max_connections", "superuser_reserved_connections", "reserved_connections");
    int reserved =
        Integer.parseInt(s.get("superuser_reserved_connections"))
            // reserved_connections (for pg_use_reserved_connections) exists from PostgreSQL 16.
            + Integer.parseInt(s.getOrDefault("reserved_connections", "0"));
    int others;
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                   AND application_name <> 'oncepay'
                """)) {
      rs.next();
      others = rs.getInt(1);
    }
    return PostgresRules.connections(
        Integer.parseInt(s.get("max_connections")),
        reserved,
        db.poolSize(),
        instances(),
        others,
        thresholds.connectionsNear());
  }

  private Finding timeouts() throws SQLException {
    // pg_settings gives these in milliseconds, whatever unit they were set in. Behind a pooler
    // they are read inside a transaction that set them the way oncepay's transactions do.
    Map<String, String> s = pooled ? inTransactionLikeThePool() : timeoutSettings();
    return PostgresRules.sessionTimeouts(
        List.of(
            new PostgresRules.Timeout(
                "statement_timeout",
                db.statementTimeout().toMillis(),
                Long.parseLong(s.get("statement_timeout"))),
            new PostgresRules.Timeout(
                "lock_timeout", db.lockTimeout().toMillis(), Long.parseLong(s.get("lock_timeout"))),
            new PostgresRules.Timeout(
                "idle_in_transaction_session_timeout",
                DatabaseTarget.expectedIdleInTransactionTimeoutMs(db),
                Long.parseLong(s.get("idle_in_transaction_session_timeout")))));
  }

  private Finding autovacuum() throws SQLException {
    Map<String, String> s = settings("autovacuum", "track_counts");
    Map<String, List<String>> options = new HashMap<>();
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT c.relname, c.reloptions, t.reloptions
                  FROM pg_class c LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
                 WHERE c.relname IN ('outbox', 'idempotency_keys') AND c.relkind = 'r'
                   AND pg_table_is_visible(c.oid)
                """)) {
      while (rs.next()) {
        List<String> all = new ArrayList<>(strings(rs.getArray(2)));
        strings(rs.getArray(3)).forEach(o -> all.add("toast." + o));
        options.put(rs.getString(1), all);
      }
    }
    return PostgresRules.autovacuum(s.get("autovacuum"), s.get("track_counts"), options);
  }

  private Finding bloat() throws SQLException {
    List<PostgresRules.TableStats> stats = new ArrayList<>();
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT relname, n_live_tup, n_dead_tup, pg_total_relation_size(relid)
                  FROM pg_stat_user_tables
                 WHERE relname IN ('idempotency_keys', 'outbox') AND schemaname = current_schema()
                 ORDER BY relname
                """)) {
      while (rs.next()) {
        stats.add(
            new PostgresRules.TableStats(
                rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return PostgresRules.bloat(stats, thresholds.deadTuplesMin(), thresholds.deadTupleRatio());
  }

  private Finding longTransactions() throws SQLException {
    List<PostgresRules.OpenTransaction> open = new ArrayList<>();
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT pid, coalesce(application_name, ''), coalesce(state, ''),
                       (extract(epoch FROM clock_timestamp() - xact_start) * 1000)::bigint
                  FROM pg_stat_activity
                 WHERE xact_start IS NOT NULL AND backend_type = 'client backend'
                   AND pid <> pg_backend_pid() AND datname = current_database()
                """)) {
      while (rs.next()) {
        open.add(
            new PostgresRules.OpenTransaction(
                rs.getInt(1), rs.getString(2), rs.getString(3), Duration.ofMillis(rs.getLong(4))));
      }
    }
    return PostgresRules.longTransactions(
        open, thresholds.longTransactionWarn(), thresholds.longTransactionFail());
  }

  private Finding lockWaits() throws SQLException {
    List<PostgresRules.LockWait> waits = new ArrayList<>();
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT pid, coalesce(application_name, ''),
                       (extract(epoch FROM clock_timestamp() - coalesce(state_change, query_start))
                          * 1000)::bigint,
                       pg_blocking_pids(pid)
                  FROM pg_stat_activity
                 WHERE wait_event_type = 'Lock' AND datname = current_database()
                """)) {
      while (rs.next()) {
        waits.add(
            new PostgresRules.LockWait(
                rs.getInt(1),
                rs.getString(2),
                Duration.ofMillis(rs.getLong(3)),
                Arrays.stream((Integer[]) rs.getArray(4).getArray()).toList()));
      }
    }
    return PostgresRules.lockWaits(waits);
  }

  private Map<String, String> timeoutSettings() throws SQLException {
    return settings("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout");
  }

  private Map<String, String> inTransactionLikeThePool() throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement limits = connection.createStatement()) {
      limits.execute(db.transactionLimitsSql());
      return timeoutSettings();
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  private Map<String, String> settings(String... names) throws SQLException {
    Map<String, String> values = new HashMap<>();
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT name, setting FROM pg_settings WHERE name = ANY (?)")) {
      ps.setArray(1, connection.createArrayOf("text", names));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return values;
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
