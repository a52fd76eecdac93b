package com.oncepay.doctor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * Databases of doctor's own on the machine's PostgreSQL (127.0.0.1:5432), named {@code
 * oncepay_doctor_<random>} and dropped by {@link #dropAll()}. Not TestPostgres: its start-up drops
 * every {@code oncepay_it_%} database, which would break a concurrent run of the other tests.
 */
final class DoctorDatabase {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String USER = "postgres";
  private static final List<String> created = new ArrayList<>();

  private DoctorDatabase() {}

  /** A new database with oncepay's schema, migrated by Flyway as serve migrates it. */
  static synchronized String createMigrated() {
    String name =
        "oncepay_doctor_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    admin("CREATE DATABASE " + name);
    created.add(name);
    String url = SERVER + name;
    Flyway.configure()
        .dataSource(url, USER, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return url;
  }

  static synchronized void dropAll() {
    for (String name : created) {
      admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
    created.clear();
  }

  static String name(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static void admin(String sql) {
    execute(SERVER + "test", sql);
  }

  static void execute(String url, String... statements) {
    try (Connection c = DriverManager.getConnection(url, USER, null);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(String.join("; ", statements), e);
    }
  }
}
