package com.oncepay.doctor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * Finds out whether ONCEPAY_DB_URL points at a PgBouncer by logging in to its admin console (the
 * {@code pgbouncer} database on the same host and port, or {@code --pgbouncer-admin}): PostgreSQL
 * answers that such a database does not exist, PgBouncer answers {@code SHOW VERSION}.
 */
final class PgBouncerProbe {

  private static final String UNDEFINED_DATABASE = "3D000";

  private final DatabaseTarget database;
  private final Optional<String> adminUrl;

  PgBouncerProbe(DatabaseTarget database, Optional<String> adminUrl) {
    this.database = database;
    this.adminUrl = adminUrl;
  }

  /**
   * @param instances oncepay instances PostgreSQL sees; PgBouncer's own client list may show more
   */
  /**
   * @param noServerPrepares whether serve keeps pgjdbc from preparing on the server behind a pooler
   *     (ONCEPAY_DB_PREPARED_STATEMENTS is not {@code on})
   */
  List<Finding> run(int oncepayPool, int instances, boolean noServerPrepares) {
    JdbcAddress address =
        adminUrl
            .map(url -> JdbcAddress.parse(url, database.user(), database.password()))
            .orElseGet(
                () ->
                    JdbcAddress.parse(database.url(), database.user(), database.password())
                        .onDatabase("pgbouncer"));
    if (adminUrl.isEmpty()) {
      Optional<String> plain = plainPostgres(address);
      if (plain.isPresent()) {
        return List.of(PgBouncerRules.notInUse(plain.get()));
      }
    }
    PgBouncerConsole console = new PgBouncerConsole(address, "psql");
    try {
      Optional<String> version =
          console.show("VERSION").stream()
              .flatMap(row -> row.values().stream())
              .filter(v -> v != null && v.startsWith("PgBouncer"))
              .map(String::strip)
              .findFirst();
      if (version.isEmpty()) {
        return List.of(PgBouncerRules.unknown("SHOW VERSION did not name PgBouncer"));
      }
      return judge(console, version.get(), address, oncepayPool, instances, noServerPrepares);
    } catch (PgBouncerConsole.ConsoleException e) {
      return List.of(PgBouncerRules.unknown(e.getMessage()));
    }
  }

  /**
   * PostgreSQL itself answers a login to a database named pgbouncer with "does not exist" (or lets
   * it in, if one was created), which needs no psql; PgBouncer's console refuses pgjdbc.
   */
  private Optional<String> plainPostgres(JdbcAddress address) {
    Properties props = new Properties();
    if (address.user() != null) {
      props.setProperty("user", address.user());
    }
    if (address.password() != null) {
      props.setProperty("password", address.password());
    }
    props.setProperty("ApplicationName", DatabaseTarget.APPLICATION_NAME);
    props.setProperty("connectTimeout", "5");
    String url = "jdbc:postgresql://" + address.host() + ":" + address.port() + "/pgbouncer";
    try (Connection ignored = DriverManager.getConnection(url, props)) {
      return Optional.of(
          "pgbouncer at ONCEPAY_DB_URL's host and port is a plain PostgreSQL database");
    } catch (SQLException e) {
      return UNDEFINED_DATABASE.equals(e.getSQLState())
          ? Optional.of("the server at ONCEPAY_DB_URL is PostgreSQL itself")
          : Optional.empty();
    }
  }

  private List<Finding> judge(
      PgBouncerConsole console,
      String version,
      JdbcAddress address,
      int oncepayPool,
      int instances,
      boolean noServerPrepares)
      throws PgBouncerConsole.ConsoleException {
    Map<String, String> config = new HashMap<>();
    for (Map<String, String> row : console.show("CONFIG")) {
      config.put(row.get("key"), row.get("value"));
    }
    String db = JdbcAddress.parse(database.url(), null, null).database();
    String mode = config.getOrDefault("pool_mode", "session");
    int poolSize = Integer.parseInt(config.getOrDefault("default_pool_size", "20"));
    for (Map<String, String> row : console.show("DATABASES")) {
      if (db.equals(row.get("name"))) {
        // A database entry's own settings win over the [pgbouncer] defaults.
        String own = row.get("pool_mode");
        mode = own == null || own.isBlank() ? mode : own;
        poolSize = Integer.parseInt(row.get("pool_size"));
      }
    }
    // Older PgBouncers have no application_name column: then only PostgreSQL's count is used.
    long clientsSeen =
        console.show("CLIENTS").stream()
            .filter(row -> db.equals(row.get("database")))
            .filter(row -> "oncepay".equals(row.get("application_name")))
            .count();
    int allInstances = Math.max(instances, (int) Math.ceil(clientsSeen / (double) oncepayPool));
    String maxPrepared = config.get("max_prepared_statements");
    List<Finding> findings = new ArrayList<>();
    findings.add(
        PgBouncerRules.inUse(
            version, address.host() + ":" + address.port() + "/" + address.database()));
    findings.add(PgBouncerRules.poolMode(mode));
    findings.add(
        PgBouncerRules.poolSize(
            mode,
            // The LISTEN connections go to PostgreSQL directly, not through PgBouncer.
            allInstances * oncepayPool,
            oncepayPool,
            poolSize,
            Integer.parseInt(config.getOrDefault("max_client_conn", "100"))));
    findings.add(
        PgBouncerRules.preparedStatements(
            mode,
            version,
            maxPrepared == null
                ? OptionalInt.empty()
                : OptionalInt.of(Integer.parseInt(maxPrepared)),
            noServerPrepares));
    return findings;
  }
}
