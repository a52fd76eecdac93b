package com.oncepay.persistence;

import com.oncepay.config.OncepayProperties.PreparedStatements;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * How oncepay reaches PostgreSQL, found out once at start-up by asking the server where it is.
 *
 * <p>A pooler or proxy (PgBouncer) between oncepay and PostgreSQL shows as a difference between the
 * address oncepay connected to and the address PostgreSQL says it serves on ({@code
 * inet_server_addr()}, {@code inet_server_port()}: the pooler's own server connection). Behind one,
 * a session is no longer oncepay's own, so three things change, and each would otherwise fail
 * silently (issue 9): start-up options are refused or dropped, so the fail-fast timeouts are set
 * per transaction instead; server-side prepared statements end up bound to another client's SQL, so
 * pgjdbc's are turned off; and a LISTEN does not keep its server connection, so it goes to {@code
 * listenUrl} (a direct connection) or is not made at all.
 *
 * @param url the JDBC URL the pool opens
 * @param pooled whether something sits between oncepay and PostgreSQL
 * @param finding what the probe saw, for the start-up line
 * @param listenUrl where the queue LISTENs; empty: it polls only
 */
public record DatabaseRoute(
    String url, boolean pooled, String finding, Optional<String> listenUrl) {

  /** Direct, to a server we started ourselves. */
  public static DatabaseRoute direct(String url) {
    return new DatabaseRoute(url, false, "embedded PostgreSQL", Optional.of(url));
  }

  /**
   * Asks the server behind {@code url} where it is. Opens one connection without prepared
   * statements or start-up options, so it works through any pooler.
   *
   * @param listenUrl ONCEPAY_DB_LISTEN_URL, or null for the default (the pool's URL when direct)
   */
  public static DatabaseRoute probe(
      String url, String user, String password, String listenUrl, PreparedStatements prepared) {
    Endpoint endpoint = Endpoint.of(url);
    Endpoint.Seen seen = Endpoint.ask(url, user, password);
    boolean pooled = !endpoint.isServedAt(seen);
    String finding =
        pooled
            ? "through a pooler or proxy: connected to %s, PostgreSQL serves on %s"
                .formatted(endpoint, seen)
            : "direct to PostgreSQL at " + endpoint;
    refuseConflictingPrepareThreshold(url, pooled, prepared);
    Optional<String> listen;
    if (listenUrl != null && !listenUrl.isBlank()) {
      Endpoint listenEndpoint = Endpoint.of(listenUrl);
      Endpoint.Seen listenSeen = Endpoint.ask(listenUrl, user, password);
      if (!listenEndpoint.isServedAt(listenSeen)) {
        throw new IllegalStateException(
            "ONCEPAY_DB_LISTEN_URL ("
                + listenEndpoint
                + ") does not reach PostgreSQL directly (it serves on "
                + listenSeen
                + "): a LISTEN through a pooler loses its notifications silently; point it at"
                + " PostgreSQL itself, or unset it to poll instead");
      }
      listen = Optional.of(listenUrl);
    } else {
      listen = pooled ? Optional.empty() : Optional.of(url);
    }
    return new DatabaseRoute(url, pooled, finding, listen);
  }

  /** Whether pgjdbc may prepare statements on the server (its prepareThreshold left as is). */
  public static boolean serverPrepared(boolean pooled, PreparedStatements setting) {
    return switch (setting) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !pooled;
    };
  }

  private static void refuseConflictingPrepareThreshold(
      String url, boolean pooled, PreparedStatements setting) {
    String threshold = parse(url).getProperty("prepareThreshold");
    if (threshold == null || threshold.equals("0") || !pooled || setting == PreparedStatements.ON) {
      return;
    }
    throw new IllegalStateException(
        "ONCEPAY_DB_URL sets prepareThreshold="
            + threshold
            + " but reaches PostgreSQL through a pooler: PgBouncer before 1.21 hands a prepared"
            + " statement to other clients' connections, binding their statements to the wrong"
            + " SQL. Remove prepareThreshold from the URL (oncepay turns server-side prepared"
            + " statements off behind a pooler), or, if your pooler keeps them per client"
            + " (PgBouncer 1.21+ with max_prepared_statements > 0), set"
            + " ONCEPAY_DB_PREPARED_STATEMENTS=on");
  }

  private static Properties parse(String url) {
    Properties props = Driver.parseURL(url, null);
    if (props == null) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
    }
    return props;
  }

  /** Where a JDBC URL points: its first host (pgjdbc tries them in order) and port. */
  private record Endpoint(String host, int port) {

    static Endpoint of(String url) {
      Properties props = parse(url);
      String host = props.getProperty("PGHOST", "localhost").split(",")[0];
      String port = props.getProperty("PGPORT", "5432").split(",")[0];
      return new Endpoint(host, Integer.parseInt(port));
    }

    /** PostgreSQL's own view: the address and port of the session's server side. */
    record Seen(String address, Integer port) {
      @Override
      public String toString() {
        return address == null ? "a Unix socket" : address + ":" + port;
      }
    }

    static Seen ask(String url, String user, String password) {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (password != null) {
        props.setProperty("password", password);
      }
      props.setProperty("prepareThreshold", "0");
      props.setProperty("ApplicationName", "oncepay-probe");
      props.setProperty("connectTimeout", "5");
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT host(inet_server_addr()), inet_server_port()")) {
        rs.next();
        String address = rs.getString(1);
        int port = rs.getInt(2);
        return new Seen(address, rs.wasNull() ? null : port);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "cannot reach PostgreSQL at " + of(url) + ": " + e.getMessage(), e);
      }
    }

    boolean isServedAt(Seen seen) {
      if (seen.address() == null || seen.port() == null || seen.port() != port) {
        return false;
      }
      try {
        InetAddress served = InetAddress.getByName(seen.address());
        return Arrays.stream(InetAddress.getAllByName(host))
            .anyMatch(
                a -> a.equals(served) || (a.isLoopbackAddress() && served.isLoopbackAddress()));
      } catch (UnknownHostException e) {
        return false;
      }
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
