package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.persistence.PostgresExceptionTranslator;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * One bounded pool. Its limits are the overload defence: a request that cannot get a connection
 * within the connection timeout is answered 503, and statement and lock timeouts keep one slow
 * query from holding the pool.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresHolder embeddedPostgres(OncepayProperties properties) throws IOException {
    if (!properties.db().embedded()) {
      return new EmbeddedPostgresHolder(null);
    }
    return new EmbeddedPostgresHolder(
        EmbeddedPostgresServer.start(properties.home().resolve("pgdata").toAbsolutePath()));
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(OncepayProperties properties, EmbeddedPostgresHolder embedded) {
    OncepayProperties.Db db = properties.db();
    HikariConfig config = new HikariConfig();
    config.setPoolName("oncepay");
    if (db.embedded()) {
      config.setJdbcUrl(embedded.server().jdbcUrl());
      config.setUsername("postgres");
    } else {
      config.setJdbcUrl(db.url());
      config.setUsername(db.user());
      config.setPassword(db.password());
    }
    config.setMaximumPoolSize(db.poolSize());
    config.setMinimumIdle(db.poolSize());
    config.setConnectionTimeout(db.connectionTimeout().toMillis());
    config.addDataSourceProperty("options", db.sessionOptions());
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
