package com.oncepay.doctor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Finds out whether ONCEPAY_DB_URL points at a PgBouncer by logging in to its admin console (the
 * {@code pgbouncer} database on the same host and port, or {@code --pgbouncer-admin}): PostgreSQL
 * answers that such a database does not exist, PgBouncer answers {@code SHOW VERSION}.
 */
final class PgBouncerProbe {

  private static final String UNDEFINED_DATABASE = "3D000";
  private static final Pattern PREPARE_OFF =
      Pattern.compile("[?&]prepareThreshold=0(&|$)", Pattern.CASE_INSENSITIVE);

  private final DatabaseTarget database;
  private final Optional<String> adminUrl;

  PgBouncerProbe(DatabaseTarget database, Optional<String> adminUrl) {
    this.database = database;
    this.adminUrl = adminUrl;
  }

  /**
   * @param instances oncepay instances PostgreSQL sees; PgBouncer's own client list may show more
   */
  List<Finding> run(int oncepayPool, int instances) {
    String url = adminUrl.orElseGet(() -> database.onDatabase("pgbouncer"));
    try (Connection admin = connectAdmin(url)) {
      Optional<String> version = version(admin);
      if (version.isEmpty()) {
        return List.of(
            PgBouncerRules.notInUse("a database named pgbouncer is a plain PostgreSQL one"));
      }
      return judge(admin, version.get(), url, oncepayPool, instances);
    } catch (SQLException e) {
      if (UNDEFINED_DATABASE.equals(e.getSQLState()) && adminUrl.isEmpty()) {
        return List.of(
            PgBouncerRules.notInUse("the server at ONCEPAY_DB_URL has no pgbouncer admin console"));
      }
      return List.of(PgBouncerRules.unknown(Checks.message(e)));
    }
  }

  private List<Finding> judge(
      Connection admin, String version, String url, int oncepayPool, int instances)
      throws SQLException {
    Map<String, String> config = new HashMap<>();
    try (ResultSet rs = admin.createStatement().executeQuery("SHOW CONFIG")) {
      while (rs.next()) {
        config.put(rs.getString("key"), rs.getString("value"));
      }
    }
    String db = databaseName();
    String mode = config.getOrDefault("pool_mode", "session");
    int poolSize = Integer.parseInt(config.getOrDefault("default_pool_size", "20"));
    try (ResultSet rs = admin.createStatement().executeQuery("SHOW DATABASES")) {
      while (rs.next()) {
        if (db.equals(rs.getString("name"))) {
          // A database entry's own settings win over the [pgbouncer] defaults.
          String own = rs.getString("pool_mode");
          mode = own == null || own.isBlank() ? mode : own;
          poolSize = rs.getInt("pool_size");
        }
      }
    }
    int clientsSeen = 0;
    try (ResultSet rs = admin.createStatement().executeQuery("SHOW CLIENTS")) {
      while (rs.next()) {
        if (db.equals(rs.getString("database")) && "oncepay".equals(applicationName(rs))) {
          clientsSeen++;
        }
      }
    }
    int allInstances = Math.max(instances, (int) Math.ceil(clientsSeen / (double) oncepayPool));
    String maxPrepared = config.get("max_prepared_statements");
    List<Finding> findings = new ArrayList<>();
    findings.add(PgBouncerRules.inUse(version, redact(url)));
    findings.add(PgBouncerRules.poolMode(mode));
    findings.add(
        PgBouncerRules.poolSize(
            mode,
            allInstances * (oncepayPool + 1),
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
            PREPARE_OFF.matcher(database.url()).find()));
    return findings;
  }

  /** The console speaks only the simple query protocol and knows none of pgjdbc's extras. */
  private Connection connectAdmin(String url) throws SQLException {
    Properties props = new Properties();
    props.setProperty("preferQueryMode", "simple");
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "30");
    if (adminUrl.isPresent()) {
      return DriverManager.getConnection(url, props);
    }
    return database.connectTo("pgbouncer", props);
  }

  private static Optional<String> version(Connection admin) {
    try (Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SHOW VERSION")) {
      if (rs.next()) {
        String version = rs.getString(1);
        return version != null && version.startsWith("PgBouncer")
            ? Optional.of(version.strip())
            : Optional.empty();
      }
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.empty();
    }
  }

  /** Older PgBouncers have no application_name column in SHOW CLIENTS. */
  private static String applicationName(ResultSet rs) {
    try {
      return rs.getString("application_name");
    } catch (SQLException e) {
      return "";
    }
  }

  private String databaseName() {
    String url = database.url();
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    if (slash < 0) {
      return "";
    }
    int query = url.indexOf('?', slash);
    return url.substring(slash + 1, query < 0 ? url.length() : query);
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)password=[^&]*", "password=***");
  }
}
