package com.oncepay.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gatewayevents.GatewayEventOutcome;
import com.oncepay.idempotency.KeyStatus;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.JobStatus;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every status column's CHECK constraint, read back from a migrated database, allows exactly the
 * states of its enum: a state added in Java but not in the schema (or the reverse) fails here
 * rather than as a rolled-back finalize in production.
 */
class SchemaChecksIT {

  private static final Pattern LITERAL = Pattern.compile("'([a-z_]+)'");
  private static String url;

  @BeforeAll
  static void migrate() {
    url = TestPostgres.createDatabase();
    Flyway.configure()
        .dataSource(url, TestPostgres.user(), null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @ParameterizedTest
  @CsvSource({
    "orders, status, order",
    "payments, status, payment",
    "payments, capture_method, capture",
    "payment_operations, status, operation",
    "payment_operations, kind, operation_kind",
    "outbox, status, job",
    "outbox, kind, job_kind",
    "idempotency_keys, status, key",
    "gateway_events, outcome, gateway_event"
  })
  void checkConstraintAllowsExactlyTheEnum(String table, String column, String enumName)
      throws Exception {
    assertThat(allowed(table, column)).as("%s.%s", table, column).isEqualTo(names(enumName));
  }

  private static Set<String> names(String enumName) {
    Enum<?>[] values =
        switch (enumName) {
          case "order" -> OrderStatus.values();
          case "payment" -> com.oncepay.payment.model.PaymentStatus.values();
          case "capture" -> CaptureMethod.values();
          case "operation" -> OperationStatus.values();
          case "operation_kind" -> OperationKind.values();
          case "job" -> JobStatus.values();
          case "job_kind" -> JobKind.values();
          case "key" -> KeyStatus.values();
          case "gateway_event" -> GatewayEventOutcome.values();
          default -> throw new IllegalArgumentException(enumName);
        };
    return Arrays.stream(values).map(v -> ((DbEnum) v).dbName()).collect(Collectors.toSet());
  }

  /** The literals of the CHECK constraints that mention the column, as PostgreSQL stores them. */
  private static Set<String> allowed(String table, String column) throws Exception {
    Set<String> literals = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url, TestPostgres.user(), null);
        var statement =
            c.prepareStatement(
                """
                SELECT pg_get_constraintdef(con.oid)
                  FROM pg_constraint con
                  JOIN pg_attribute att
                    ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
                 WHERE con.contype = 'c' AND con.conrelid = ?::regclass AND att.attname = ?
                   AND cardinality(con.conkey) = 1
                """)) {
      statement.setString(1, table);
      statement.setString(2, column);
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          Matcher m = LITERAL.matcher(rs.getString(1));
          while (m.find()) {
            literals.add(m.group(1));
          }
        }
      }
    }
    return literals;
  }
}
