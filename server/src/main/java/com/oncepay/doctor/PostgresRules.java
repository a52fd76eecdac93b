package com.oncepay.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** How to judge what {@link PostgresProbe} read off the database. Pure: no I/O. */
final class PostgresRules {

  static final Set<String> HOT_TABLES = Set.of("idempotency_keys", "outbox");

  /** synchronous_commit levels that still wait for the local WAL flush before acknowledging. */
  private static final Set<String> DURABLE_COMMITS =
      Set.of("on", "local", "remote_write", "remote_apply");

  private PostgresRules() {}

  static Finding primary(boolean inRecovery) {
    if (inRecovery) {
      return Finding.fail(
          "pg-primary",
          "the database is a replica (pg_is_in_recovery() = true): every write fails, and a"
              + " decision read from it may be stale",
          "point ONCEPAY_DB_URL at the primary; a replica may only serve reports, never a race");
    }
    return Finding.ok("pg-primary", "connected to a primary (pg_is_in_recovery() = false)");
  }

  static Finding durability(String fsync, String synchronousCommit) {
    List<String> lost = new ArrayList<>();
    if (!"on".equals(fsync)) {
      lost.add("fsync=" + fsync + " (a crash can corrupt or lose committed data)");
    }
    if (!DURABLE_COMMITS.contains(synchronousCommit)) {
      lost.add(
          "synchronous_commit="
              + synchronousCommit
              + " (a commit is acknowledged before it is on disk; a crash loses it)");
    }
    if (lost.isEmpty()) {
      return Finding.ok(
          "pg-durability", "fsync=on, synchronous_commit=" + synchronousCommit + " for oncepay");
    }
    return Finding.fail(
        "pg-durability",
        String.join("; ", lost)
            + ". A payment recorded after a gateway call must survive a crash, or the customer is"
            + " charged and we forget it",
        "set fsync = on and synchronous_commit = on in postgresql.conf (and remove per-database"
            + " or per-role overrides: ALTER DATABASE/ROLE ... RESET synchronous_commit), then"
            + " reload");
  }

  /**
   * Every instance holds its whole pool open (Hikari minimumIdle = pool size) plus two LISTEN
   * connections outside the pool (queue wake-ups, key changes), so the need is exact, not a peak
   * estimate.
   */
  static Finding connections(
      int maxConnections,
      int reserved,
      int poolSize,
      int instances,
      int otherClients,
      double near) {
    int available = maxConnections - reserved;
    int needed = instances * (poolSize + 2);
    String finding =
        "%d instance(s) x (pool %d + 2 listeners) = %d connections of %d available (max_connections %d - %d reserved); %d other client connection(s) open now"
            .formatted(
                instances, poolSize, needed, available, maxConnections, reserved, otherClients);
    String fix =
        "raise max_connections (restart needed) or lower ONCEPAY_DB_POOL_SIZE; with many"
            + " instances put PgBouncer in front";
    if (needed > available) {
      return Finding.fail(
          "pg-connections",
          finding
              + ". Past the limit a new connection is refused, so an instance cannot fill"
              + " its pool or start",
          fix);
    }
    if (needed + otherClients > available || needed > near * available) {
      return Finding.warn(
          "pg-connections",
          finding + ". Little room is left for another instance, a deploy overlap or psql",
          fix);
    }
    return Finding.ok("pg-connections", finding);
  }

  /** A session setting oncepay asks for in the pool's startup options, and what is in force. */
  record Timeout(String name, long expectedMs, long actualMs) {}

  static Finding sessionTimeouts(List<Timeout> timeouts) {
    List<String> off = new ArrayList<>();
    List<String> different = new ArrayList<>();
    for (Timeout t : timeouts) {
      if (t.actualMs() == 0) {
        off.add(
            t.name()
                + " is 0 (off)"
                + (t.expectedMs() == 0 ? " because oncepay is configured so" : "")
                + ", oncepay asked for "
                + t.expectedMs()
                + " ms");
      } else if (t.actualMs() != t.expectedMs()) {
        different.add(
            t.name() + " is " + t.actualMs() + " ms, oncepay asked for " + t.expectedMs());
      }
    }
    if (!off.isEmpty()) {
      return Finding.fail(
          "pg-timeouts",
          String.join("; ", off)
              + " on a connection opened like oncepay's pool. Without them one stuck lock or query"
              + " holds a pooled connection without limit, and a slow database becomes a full pool"
              + " and an outage",
          "if the configured value is 0, set ONCEPAY_DB_STATEMENT_TIMEOUT / ONCEPAY_DB_LOCK_TIMEOUT"
              + " to a few seconds; if a proxy oncepay cannot recognise as one drops the start-up"
              + " options, set them on the role: ALTER ROLE <user> SET statement_timeout = '5s',"
              + " lock_timeout = '2s', idle_in_transaction_session_timeout = '20s'");
    }
    if (!different.isEmpty()) {
      return Finding.warn(
          "pg-timeouts",
          String.join("; ", different) + ": something other than oncepay sets them",
          "make the role or database settings match ONCEPAY_DB_STATEMENT_TIMEOUT and"
              + " ONCEPAY_DB_LOCK_TIMEOUT, or remove them so oncepay's options apply");
    }
    return Finding.ok(
        "pg-timeouts",
        timeouts.stream()
                .map(t -> t.name() + "=" + Durations.human(Duration.ofMillis(t.actualMs())))
                .collect(Collectors.joining(", "))
            + " in force on a connection opened like oncepay's pool");
  }

  /** The table's own reloptions and its TOAST table's, as PostgreSQL lists them. */
  static Finding autovacuum(
      String autovacuum, String trackCounts, Map<String, List<String>> reloptionsByTable) {
    List<String> problems = new ArrayList<>();
    if (!"on".equals(autovacuum)) {
      problems.add("autovacuum=" + autovacuum);
    }
    if (!"on".equals(trackCounts)) {
      problems.add("track_counts=" + trackCounts + " (autovacuum cannot see dead rows without it)");
    }
    reloptionsByTable.forEach(
        (table, options) -> {
          for (String option : options) {
            if (option.equalsIgnoreCase("autovacuum_enabled=false")
                || option.equalsIgnoreCase("autovacuum_enabled=off")
                || option.equalsIgnoreCase("toast.autovacuum_enabled=false")
                || option.equalsIgnoreCase("toast.autovacuum_enabled=off")) {
              problems.add(table + " has " + option);
            }
          }
        });
    List<String> missing =
        HOT_TABLES.stream().filter(t -> !reloptionsByTable.containsKey(t)).sorted().toList();
    if (!problems.isEmpty()) {
      return Finding.fail(
          "pg-autovacuum",
          String.join("; ", problems)
              + ". outbox and idempotency_keys churn on every request; unvacuumed, their dead rows"
              + " slow every claim and key lookup until requests time out",
          "set autovacuum = on and track_counts = on; ALTER TABLE <table> RESET"
              + " (autovacuum_enabled, toast.autovacuum_enabled)");
    }
    if (!missing.isEmpty()) {
      return Finding.warn(
          "pg-autovacuum",
          "tables " + missing + " not found: oncepay's schema is not in this database",
          "start oncepay once against this database (it migrates the schema), or fix"
              + " ONCEPAY_DB_URL");
    }
    return Finding.ok("pg-autovacuum", "autovacuum on, not disabled on " + sorted(HOT_TABLES));
  }

  record TableStats(String table, long live, long dead, long totalBytes) {}

  static Finding bloat(List<TableStats> tables, long minDead, double maxRatio) {
    List<String> bloated = new ArrayList<>();
    List<String> all = new ArrayList<>();
    for (TableStats t : tables) {
      double ratio = t.live() + t.dead() == 0 ? 0 : (double) t.dead() / (t.live() + t.dead());
      String line =
          "%s %s, %d live / %d dead rows (%.0f%% dead)"
              .formatted(t.table(), megabytes(t.totalBytes()), t.live(), t.dead(), ratio * 100);
      all.add(line);
      if (t.dead() >= minDead && ratio > maxRatio) {
        bloated.add(line);
      }
    }
    if (!bloated.isEmpty()) {
      return Finding.warn(
          "pg-bloat",
          String.join("; ", bloated)
              + ". Dead rows make every claim and key lookup scan further; vacuum is not keeping"
              + " up",
          "VACUUM (VERBOSE) the table now; then look for long transactions holding vacuum back"
              + " (pg-long-transactions) and make autovacuum more aggressive on it"
              + " (autovacuum_vacuum_scale_factor = 0.01)");
    }
    return Finding.ok("pg-bloat", all.isEmpty() ? "no statistics yet" : String.join("; ", all));
  }

  /** A transaction open now, other than doctor's own. */
  record OpenTransaction(int pid, String applicationName, String state, Duration age) {}

  static Finding longTransactions(List<OpenTransaction> open, Duration warn, Duration fail) {
    List<OpenTransaction> old = open.stream().filter(t -> t.age().compareTo(warn) > 0).toList();
    if (old.isEmpty()) {
      return Finding.ok(
          "pg-long-transactions", "no transaction open longer than " + Durations.human(warn));
    }
    OpenTransaction oldest = old.stream().max((a, b) -> a.age().compareTo(b.age())).orElseThrow();
    String finding =
        "%d transaction(s) open longer than %s; oldest: pid %d (%s, %s) for %d s. It holds its locks and stops vacuum from removing dead rows in outbox and idempotency_keys"
            .formatted(
                old.size(),
                Durations.human(warn),
                oldest.pid(),
                oldest.applicationName().isEmpty()
                    ? "no application_name"
                    : oldest.applicationName(),
                oldest.state(),
                oldest.age().toSeconds());
    String fix =
        "find it with SELECT pid, application_name, state, query FROM pg_stat_activity WHERE"
            + " pid = "
            + oldest.pid()
            + "; end it with SELECT pg_terminate_backend("
            + oldest.pid()
            + ") if it is not meant to run; set idle_in_transaction_session_timeout for other"
            + " clients";
    return oldest.age().compareTo(fail) > 0
        ? Finding.fail("pg-long-transactions", finding, fix)
        : Finding.warn("pg-long-transactions", finding, fix);
  }

  /** A backend waiting for a heavyweight lock now, and who blocks it. */
  record LockWait(int pid, String applicationName, Duration waiting, List<Integer> blockedBy) {}

  static Finding lockWaits(List<LockWait> waits) {
    if (waits.isEmpty()) {
      return Finding.ok("pg-lock-waits", "no session is waiting for a lock");
    }
    LockWait longest =
        waits.stream().max((a, b) -> a.waiting().compareTo(b.waiting())).orElseThrow();
    return Finding.warn(
        "pg-lock-waits",
        "%d session(s) waiting for a lock now; longest: pid %d (%s) for %d ms, blocked by pid(s) %s"
            .formatted(
                waits.size(),
                longest.pid(),
                longest.applicationName().isEmpty()
                    ? "no application_name"
                    : longest.applicationName(),
                longest.waiting().toMillis(),
                longest.blockedBy()),
        (longest.blockedBy().isEmpty()
                ? "look at pg_locks for the lock it waits on"
                : "look at the blocker: SELECT pid, state, xact_start, query FROM pg_stat_activity"
                    + " WHERE pid IN ("
                    + longest.blockedBy().stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(", "))
                    + ")")
            + "; oncepay's own waits end at lock_timeout; a blocker outside oncepay (a migration,"
            + " a manual UPDATE) should be ended");
  }

  private static String megabytes(long bytes) {
    return "%.1f MB".formatted(bytes / 1024.0 / 1024.0);
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
