package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Behind a transaction pooler a session is shared, so oncepay's limits cannot be session settings:
 * each transaction sets them for itself ({@link OncepayProperties.Db#transactionLimitsSql()}), in
 * its first round trip.
 */
final class PerTransactionTimeouts extends JdbcTransactionManager {

  private final String setLimits;

  PerTransactionTimeouts(DataSource dataSource, OncepayProperties.Db db) {
    super(dataSource);
    this.setLimits = db.transactionLimitsSql();
  }

  @Override
  protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
      throws SQLException {
    super.prepareTransactionalConnection(con, definition);
    try (Statement s = con.createStatement()) {
      s.execute(setLimits);
    }
  }
}
