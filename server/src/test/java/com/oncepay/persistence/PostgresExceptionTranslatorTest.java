package com.oncepay.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class PostgresExceptionTranslatorTest {

  private final PostgresExceptionTranslator translator = new PostgresExceptionTranslator();

  private DataAccessException translate(String sqlState) {
    return translator.translate("test", "SELECT 1", new SQLException("from PostgreSQL", sqlState));
  }

  @Test
  void lockTimeoutIsALockFailure() {
    assertThat(translate("55P03")).isInstanceOf(CannotAcquireLockException.class);
  }

  @Test
  void statementTimeoutIsAQueryTimeout() {
    assertThat(translate("57014")).isInstanceOf(QueryTimeoutException.class);
  }

  @Test
  void otherStatesKeepSpringsTranslation() {
    assertThat(translate("23505")).isInstanceOf(DataIntegrityViolationException.class);
  }
}
