package com.oncepay.doctor;

import java.util.OptionalInt;

/** How to judge a PgBouncer between oncepay and PostgreSQL. Pure: no I/O. */
final class PgBouncerRules {

  private PgBouncerRules() {}

  static Finding notInUse(String why) {
    return Finding.ok("pgbouncer", "not in use (" + why + ")");
  }

  static Finding inUse(String version, String adminUrl) {
    return Finding.ok(
        "pgbouncer", version + " in front of PostgreSQL (admin console " + adminUrl + ")");
  }

  static Finding unknown(String why) {
    return Finding.warn(
        "pgbouncer",
        "could not tell whether a PgBouncer is in front of PostgreSQL: " + why,
        "if one is, give doctor its admin console: --pgbouncer-admin"
            + " jdbc:postgresql://host:port/pgbouncer?user=<an admin_users or stats_users user>");
  }

  static Finding poolMode(String mode) {
    return switch (mode) {
      case "session" ->
          Finding.ok("pgbouncer-pool-mode", "pool_mode=session: one server connection per client");
      case "transaction" ->
          Finding.ok(
              "pgbouncer-pool-mode",
              "pool_mode=transaction: oncepay uses only transaction-scoped locks and sets its"
                  + " timeouts per transaction, so it is safe; its LISTEN goes directly to"
                  + " PostgreSQL when ONCEPAY_DB_LISTEN_URL is set, else new jobs start on the next"
                  + " poll (ONCEPAY_WORKER_POLL_INTERVAL)");
      default ->
          Finding.fail(
              "pgbouncer-pool-mode",
              "pool_mode="
                  + mode
                  + ": every statement may run on another server connection, so oncepay's"
                  + " claim and finalize transactions (several statements that must commit"
                  + " together) break",
              "set pool_mode = transaction (or session) for oncepay's database in pgbouncer.ini"
                  + " and RELOAD");
    };
  }

  /**
   * @param clients what oncepay opens through PgBouncer: instances x pool (LISTENs go direct)
   * @param poolSize server connections PgBouncer keeps for oncepay's database and user
   */
  static Finding poolSize(
      String mode, int clients, int oncepayPool, int poolSize, int maxClientConn) {
    String finding =
        "oncepay opens %d client connection(s); PgBouncer allows max_client_conn=%d and keeps pool_size=%d server connection(s) (%s mode)"
            .formatted(clients, maxClientConn, poolSize, mode);
    if (clients > maxClientConn) {
      return Finding.fail(
          "pgbouncer-pool-size",
          finding + ": connections beyond max_client_conn are refused, so pools cannot fill",
          "raise max_client_conn to at least " + clients + " in pgbouncer.ini");
    }
    if (mode.equals("session") && poolSize < clients) {
      return Finding.fail(
          "pgbouncer-pool-size",
          finding
              + ": oncepay's pool keeps every connection open, so clients past pool_size wait"
              + " for a server connection that is never freed",
          "raise default_pool_size (or the database's pool_size) to at least "
              + clients
              + ", or use pool_mode = transaction");
    }
    if (poolSize < oncepayPool) {
      return Finding.warn(
          "pgbouncer-pool-size",
          finding
              + ": under load transactions queue inside PgBouncer for up to query_wait_timeout"
              + " instead of failing fast at oncepay's connection timeout with 503",
          "raise default_pool_size to at least ONCEPAY_DB_POOL_SIZE (" + oncepayPool + ")");
    }
    return Finding.ok("pgbouncer-pool-size", finding);
  }

  /**
   * pgjdbc switches a statement to a named server-side prepared statement after it ran
   * prepareThreshold (5) times; through a transaction pooler the next execution lands on another
   * server connection that never saw it.
   */
  static Finding preparedStatements(
      String mode, String version, OptionalInt maxPreparedStatements, boolean noServerPrepares) {
    if (mode.equals("session")) {
      return Finding.ok(
          "pgbouncer-prepared-statements",
          "session mode keeps prepared statements on their server");
    }
    if (maxPreparedStatements.isPresent() && maxPreparedStatements.getAsInt() > 0) {
      return Finding.ok(
          "pgbouncer-prepared-statements",
          "max_prepared_statements="
              + maxPreparedStatements.getAsInt()
              + ": PgBouncer tracks them");
    }
    if (noServerPrepares) {
      return Finding.ok(
          "pgbouncer-prepared-statements",
          "serve turns pgjdbc's server-side prepared statements off behind a pooler"
              + " (ONCEPAY_DB_PREPARED_STATEMENTS=auto)");
    }
    return Finding.fail(
        "pgbouncer-prepared-statements",
        version
            + (maxPreparedStatements.isPresent()
                ? " has max_prepared_statements=0"
                : " cannot track prepared statements (max_prepared_statements came in 1.21)")
            + ", but ONCEPAY_DB_PREPARED_STATEMENTS=on lets pgjdbc prepare statements on the"
            + " server: in "
            + mode
            + " mode they reach other clients' connections, binding statements to the wrong SQL",
        "unset ONCEPAY_DB_PREPARED_STATEMENTS (auto turns them off behind a pooler), or run"
            + " PgBouncer 1.21 or later with max_prepared_statements = 200");
  }
}
