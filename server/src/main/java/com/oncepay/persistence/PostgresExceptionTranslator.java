package com.oncepay.persistence;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.support.AbstractFallbackSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * Names PostgreSQL's fail-fast timeouts for what they are. Spring's default translation knows
 * neither SQLSTATE, so a {@code lock_timeout} came out as an {@code UncategorizedSQLException} (a
 * 500) instead of a lock failure (a 503 with Retry-After, as for a full pool): the limits that
 * protect the service under overload must read as overload, not as bugs. Everything else goes to
 * Spring's default translator.
 */
public final class PostgresExceptionTranslator extends AbstractFallbackSQLExceptionTranslator {

  /** {@code lock_not_available}: {@code lock_timeout} ran out (or NOWAIT found the row taken). */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  /** {@code query_canceled}: {@code statement_timeout} ran out (or a cancel request). */
  static final String QUERY_CANCELED = "57014";

  public PostgresExceptionTranslator() {
    setFallbackTranslator(new SQLExceptionSubclassTranslator());
  }

  @Override
  protected DataAccessException doTranslate(String task, String sql, SQLException ex) {
    String state = ex.getSQLState();
    if (LOCK_NOT_AVAILABLE.equals(state)) {
      return new CannotAcquireLockException(buildMessage(task, sql, ex), ex);
    }
    if (QUERY_CANCELED.equals(state)) {
      return new QueryTimeoutException(buildMessage(task, sql, ex), ex);
    }
    return null;
  }
}
