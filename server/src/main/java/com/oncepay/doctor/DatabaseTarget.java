package com.oncepay.doctor;

import com.oncepay.config.OncepayProperties;
import com.oncepay.config.OncepayProperties.PreparedStatements;
import com.oncepay.persistence.DatabaseRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The database {@code serve} uses: {@code ONCEPAY_DB_URL}, or the embedded PostgreSQL that serve
 * started under {@code $ONCEPAY_HOME/pgdata}, found through its pid file because it listens on a
 * random port.
 */
record DatabaseTarget(String url, String user, String password, boolean embedded) {

  /** Not {@code oncepay}: doctor's own connections must not be counted as an instance's pool. */
  static final String APPLICATION_NAME = "oncepay-doctor";

  static DatabaseTarget of(OncepayProperties properties) throws NotFound {
    OncepayProperties.Db db = properties.db();
    if (!db.embedded()) {
      return new DatabaseTarget(db.url(), db.user(), db.password(), false);
    }
    Path pidFile = properties.home().resolve("pgdata").toAbsolutePath().resolve("postmaster.pid");
    return new DatabaseTarget(
        "jdbc:postgresql://127.0.0.1:" + embeddedPort(pidFile) + "/postgres",
        "postgres",
        null,
        true);
  }

  /** Line 4 of postmaster.pid is the port (PostgreSQL's LOCK_FILE_LINE_PORT). */
  static int embeddedPort(Path pidFile) throws NotFound {
    List<String> lines;
    try {
      lines = Files.readAllLines(pidFile);
    } catch (NoSuchFileException e) {
      throw new NotFound(
          "ONCEPAY_DB_URL is unset and no embedded PostgreSQL is running ("
              + pidFile
              + " is missing)",
          "start ./oncepay serve with the same ONCEPAY_HOME, or set ONCEPAY_DB_URL to the"
              + " deployment's database");
    } catch (IOException e) {
      throw new NotFound("cannot read " + pidFile + ": " + e.getMessage(), "check its permissions");
    }
    try {
      return Integer.parseInt(lines.get(3).trim());
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      throw new NotFound(
          pidFile + " has no port on line 4: PostgreSQL is still starting or the file is damaged",
          "wait until ./oncepay serve has started, then run doctor again");
    }
  }

  /**
   * A connection opened the way {@code platform.DatabaseConfig} opens oncepay's pool: directly, the
   * same {@code options} startup parameter, so what is in force on it is what oncepay's sessions
   * get; behind a pooler none (the pool sets its limits per transaction) and no server-side
   * prepared statements.
   */
  Connection connectLikeThePool(OncepayProperties.Db db, boolean pooled) throws SQLException {
    Properties props = credentials();
    if (pooled) {
      props.setProperty("prepareThreshold", "0");
    } else {
      props.setProperty("options", db.sessionOptions());
    }
    return DriverManager.getConnection(url, props);
  }

  /** Whether a pooler sits in between, as serve finds out; false when that cannot be told. */
  boolean pooled(OncepayProperties.Db db) {
    if (embedded) {
      return false;
    }
    try {
      return DatabaseRoute.probe(url, user, password, null, PreparedStatements.AUTO).pooled();
    } catch (RuntimeException e) {
      // Unreachable or refused: the connection attempt that follows says why.
      return false;
    }
  }

  static long expectedIdleInTransactionTimeoutMs(OncepayProperties.Db db) {
    return db.idleInTransactionTimeout().toMillis();
  }

  private Properties credentials() {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", APPLICATION_NAME);
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "30");
    return props;
  }

  /** Where the database should be but is not; the message and the fix become a finding. */
  static final class NotFound extends Exception {
    private final String fix;

    NotFound(String message, String fix) {
      super(message);
      this.fix = fix;
    }

    String fix() {
      return fix;
    }
  }
}
