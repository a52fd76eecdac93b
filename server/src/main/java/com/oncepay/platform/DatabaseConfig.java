package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.persistence.DatabaseRoute;
import com.oncepay.persistence.PostgresExceptionTranslator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * One bounded pool. Its limits are the overload defence: a request that cannot get a connection
 * within the connection timeout is answered 503, and statement and lock timeouts keep one slow
 * query from holding the pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

  private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgresHolder embeddedPostgres(OncepayProperties properties) throws IOException {
    if (!properties.db().embedded()) {
      return new EmbeddedPostgresHolder(null);
    }
    return new EmbeddedPostgresHolder(
        EmbeddedPostgresServer.start(properties.home().resolve("pgdata").toAbsolutePath()));
  }

  /** Direct or through a pooler: decides how the pool below applies timeouts and statements. */
  @Bean
  DatabaseRoute databaseRoute(OncepayProperties properties, EmbeddedPostgresHolder embedded) {
    OncepayProperties.Db db = properties.db();
    DatabaseRoute route =
        db.embedded()
            ? DatabaseRoute.direct(embedded.server().jdbcUrl())
            : DatabaseRoute.probe(
                db.url(), db.user(), db.password(), db.listenUrl(), db.preparedStatements());
    boolean prepared = DatabaseRoute.serverPrepared(route.pooled(), db.preparedStatements());
    log.info(
        "database {}; timeouts {}; server-side prepared statements {}; queue wake-ups {}",
        route.finding(),
        route.pooled() ? "SET LOCAL in every transaction" : "set per session at connect",
        prepared ? "on" : "off",
        route.listenUrl().isPresent()
            ? "by LISTEN"
            : "by polling every " + properties.worker().pollInterval().toMillis() + " ms");
    if (route.pooled() && route.listenUrl().isEmpty()) {
      log.warn(
          "the database is reached through a pooler and ONCEPAY_DB_LISTEN_URL is not set: a LISTEN"
              + " cannot work through it, so new jobs start at the next poll (up to {}) instead"
              + " of at once; set ONCEPAY_DB_LISTEN_URL to a direct PostgreSQL URL",
          properties.worker().pollInterval().toMillis() + " ms");
    }
    return route;
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(OncepayProperties properties, DatabaseRoute route) {
    OncepayProperties.Db db = properties.db();
    HikariConfig config = new HikariConfig();
    config.setPoolName("oncepay");
    config.setJdbcUrl(route.url());
    config.setUsername(db.embedded() ? "postgres" : db.user());
    config.setPassword(db.embedded() ? null : db.password());
    config.setMaximumPoolSize(db.poolSize());
    config.setMinimumIdle(db.poolSize());
    config.setConnectionTimeout(db.connectionTimeout().toMillis());
    // A pooler refuses (PgBouncer) or drops start-up options: behind one, the limits come from SET
    // LOCAL in each transaction instead (PerTransactionTimeouts) and the driver's query timeout.
    if (!route.pooled()) {
      config.addDataSourceProperty("options", db.sessionOptions());
    }
    if (!DatabaseRoute.serverPrepared(route.pooled(), db.preparedStatements())) {
      config.addDataSourceProperty("prepareThreshold", "0");
    }
    config.addDataSourceProperty("ApplicationName", "oncepay");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    // A constraint violation's DETAIL holds the row's values ("Failing row contains (...)"), a
    // webhook secret among them; exception messages reach log lines, so they go without it.
    config.addDataSourceProperty("logServerErrorDetail", "false");
    return new HikariDataSource(config);
  }

  /** Used by Spring Boot's JdbcTemplate (and so JdbcClient): lock and statement timeouts → 503. */
  @Bean
  SQLExceptionTranslator sqlExceptionTranslator() {
    return new PostgresExceptionTranslator();
  }

  /**
   * The template behind every JdbcClient. Behind a pooler, a statement outside a transaction has no
   * session limits, so the driver cancels it after the statement timeout itself.
   */
  @Bean
  JdbcTemplate jdbcTemplate(
      DataSource dataSource,
      DatabaseRoute route,
      OncepayProperties properties,
      SQLExceptionTranslator translator) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setExceptionTranslator(translator);
    if (route.pooled()) {
      long millis = properties.db().statementTimeout().toMillis();
      template.setQueryTimeout((int) Math.max(1, (millis + 999) / 1000));
    }
    return template;
  }

  /**
   * Spring's transaction manager, with the fail-fast limits set in each transaction when pooled.
   */
  @Bean
  JdbcTransactionManager transactionManager(
      DataSource dataSource, DatabaseRoute route, OncepayProperties properties) {
    return route.pooled()
        ? new PerTransactionTimeouts(dataSource, properties.db())
        : new JdbcTransactionManager(dataSource);
  }

  /** Holds the embedded server, if any, so Spring stops it after the pool is closed. */
  record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      if (server != null) {
        server.close();
      }
    }
  }
}
