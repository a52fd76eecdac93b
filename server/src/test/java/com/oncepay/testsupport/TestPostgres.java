package com.oncepay.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database per test class: on the machine's server at 127.0.0.1:5432 when one is
 * running (as on CI), otherwise on an embedded server started once per JVM. Never H2, never a mock:
 * the races under test are decided by PostgreSQL itself.
 */
public final class TestPostgres {

  private static final String PREFIX = "oncepay_it_";
  private static String adminUrl;
  private static String user;
  private static EmbeddedPostgres embedded;

  private TestPostgres() {}

  /** Creates a new, empty database and returns its JDBC URL. */
  public static synchronized String createDatabase() {
    init();
    // The creation time is in the name, so a later run drops only what is old enough to be a
    // leftover, never the live databases of a run beside it.
    String name =
        PREFIX
            + (System.currentTimeMillis() / 1000)
            + "_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    execute("CREATE DATABASE " + name);
    return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
  }

  public static String user() {
    init();
    return user;
  }

  private static void init() {
    if (adminUrl != null) {
      return;
    }
    if (reachable("127.0.0.1", 5432)) {
      adminUrl = "jdbc:postgresql://127.0.0.1:5432/test";
      user = "postgres";
      dropLeftovers();
    } else {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("no PostgreSQL at 127.0.0.1:5432 and none embedded", e);
      }
      adminUrl = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
    }
  }

  /** Databases older than this are leftovers of earlier runs, not of a run going on beside us. */
  private static final long LEFTOVER_AGE_SECONDS = 3 * 3600;

  /**
   * Databases of earlier runs; a run cannot drop its own until its pools are closed. Only those
   * created long enough ago (or named before the creation time was part of the name) are dropped.
   */
  private static void dropLeftovers() {
    List<String> names = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(adminUrl, user, null);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT datname FROM pg_database WHERE datname LIKE 'oncepay_it_%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    long now = System.currentTimeMillis() / 1000;
    for (String name : names) {
      if (createdAt(name) < now - LEFTOVER_AGE_SECONDS) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /** The creation time in a database's name; 0 for names of the old form, which are all old. */
  private static long createdAt(String name) {
    String rest = name.substring(PREFIX.length());
    int underscore = rest.indexOf('_');
    try {
      return underscore > 0 ? Long.parseLong(rest.substring(0, underscore)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, null);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static boolean reachable(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
