package com.oncepay.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

class TransientFailuresTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"55P03", "57014", "57P01", "57P03", "08006", "08003", "40001", "40P01", "53300"})
  void retryableStatesAreTransient(String state) {
    var failure =
        new UncategorizedSQLException("task", "SQL", new SQLException("database said no", state));
    assertThat(TransientFailures.isTransient(failure)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"23505", "23514", "42P01", "22001", "XX000"})
  void bugsAndConstraintsAreNot(String state) {
    var failure = new UncategorizedSQLException("task", "SQL", new SQLException("no", state));
    assertThat(TransientFailures.isTransient(failure)).isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("a bug"))).isFalse();
  }

  @Test
  void aConnectionThatBrokeMidTransactionIsTransient() {
    var rollbackFailed =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(TransientFailures.isTransient(rollbackFailed)).isTrue();
  }
}
