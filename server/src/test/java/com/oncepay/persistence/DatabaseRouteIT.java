package com.oncepay.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.config.OncepayProperties.PreparedStatements;
import com.oncepay.testsupport.TestPgBouncer;
import com.oncepay.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Start-up through a real PgBouncer in transaction mode: the route is found out, server-side
 * prepared statements are turned off unless the operator says the pooler keeps them, a URL that
 * asks for them is refused, and a LISTEN URL that goes through the pooler is refused. The first
 * test shows why: with pgjdbc's prepared statements, this PgBouncer hands one client's statement to
 * another.
 */
class DatabaseRouteIT {

  private static String direct;
  private static String pooled;

  @BeforeAll
  static void databases() {
    direct = TestPostgres.createDatabase();
    pooled = TestPgBouncer.route(direct);
  }

  @Test
  void serverPreparedStatementsThroughThisPgBouncerMeetOtherClientsStatements() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", TestPostgres.user());
    props.setProperty("prepareThreshold", "1");
    SQLException seen = null;
    try (Connection a = DriverManager.getConnection(pooled, props);
        Connection b = DriverManager.getConnection(pooled, props)) {
      // One after the other, both clients get the same idle server connection (PgBouncer reuses
      // the last one); each names its first prepared statement S_1.
      for (int round = 0; round < 10 && seen == null; round++) {
        try {
          one(a, "SELECT ?::int + 1");
          one(b, "SELECT ?::text || 'x'");
        } catch (SQLException e) {
          seen = e;
        }
      }
    }
    assertThat((Object) seen).as("a prepared statement bound to another client's SQL").isNotNull();
    assertThat(seen.getMessage()).containsIgnoringCase("prepared statement");
  }

  private static void one(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, "1");
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
      }
    }
  }

  @Test
  void directIsDirectAndListensOnTheSameUrl() {
    DatabaseRoute route =
        DatabaseRoute.probe(direct, TestPostgres.user(), null, null, PreparedStatements.AUTO);
    assertThat(route.pooled()).isFalse();
    assertThat(route.listenUrl()).contains(direct);
    assertThat(DatabaseRoute.serverPrepared(route.pooled(), PreparedStatements.AUTO)).isTrue();
  }

  @Test
  void throughPgBouncerPreparedStatementsAreOffAndThereIsNoListenByDefault() {
    DatabaseRoute route =
        DatabaseRoute.probe(pooled, TestPostgres.user(), null, null, PreparedStatements.AUTO);
    assertThat(route.pooled()).isTrue();
    assertThat(route.finding()).contains("through a pooler").contains(":5432");
    assertThat(route.listenUrl()).isEmpty();
    assertThat(DatabaseRoute.serverPrepared(route.pooled(), PreparedStatements.AUTO)).isFalse();
    assertThat(DatabaseRoute.serverPrepared(route.pooled(), PreparedStatements.ON)).isTrue();
  }

  @Test
  void aDirectListenUrlIsUsedBehindThePooler() {
    DatabaseRoute route =
        DatabaseRoute.probe(pooled, TestPostgres.user(), null, direct, PreparedStatements.AUTO);
    assertThat(route.listenUrl()).contains(direct);
  }

  @Test
  void aListenUrlThroughThePoolerIsRefused() {
    assertThatThrownBy(
            () ->
                DatabaseRoute.probe(
                    pooled, TestPostgres.user(), null, pooled, PreparedStatements.AUTO))
        .hasMessageContaining("ONCEPAY_DB_LISTEN_URL")
        .hasMessageContaining("does not reach PostgreSQL directly");
  }

  @Test
  void aUrlAskingForPreparedStatementsThroughThePoolerIsRefusedWithWhatToChange() {
    String asking = pooled + "?prepareThreshold=5";
    assertThatThrownBy(
            () ->
                DatabaseRoute.probe(
                    asking, TestPostgres.user(), null, null, PreparedStatements.AUTO))
        .hasMessageContaining("prepareThreshold=5")
        .hasMessageContaining("Remove prepareThreshold")
        .hasMessageContaining("ONCEPAY_DB_PREPARED_STATEMENTS=on");
    // The operator's word that the pooler keeps them per client is taken.
    assertThat(
            DatabaseRoute.probe(asking, TestPostgres.user(), null, null, PreparedStatements.ON)
                .pooled())
        .isTrue();
  }
}
