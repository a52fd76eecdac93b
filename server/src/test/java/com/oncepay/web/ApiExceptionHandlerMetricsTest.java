package com.oncepay.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.redis.RedisUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which answers count as busy and as saturated, and under which tag. */
class ApiExceptionHandlerMetricsTest {

  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final ApiExceptionHandler handler = new ApiExceptionHandler(meters);

  @Test
  void everyBusyCodeAndSaturationCauseExistsFromTheStart() {
    assertThat(meters.find(ApiExceptionHandler.BUSY_METRIC).counters())
        .extracting(c -> c.getId().getTag("code"))
        .containsExactlyInAnyOrder("idempotency_key_in_use", "order_busy", "payment_busy");
    assertThat(meters.find(ApiExceptionHandler.SATURATED_METRIC).counters())
        .extracting(c -> c.getId().getTag("cause"))
        .containsExactlyInAnyOrder(
            "pool", "lock_timeout", "statement_timeout", "redis", "transient", "refused");
  }

  @Test
  void busyAnswersAreCountedByCodeAndOtherRefusalsAreNot() {
    assertThat(handler.api(busy(ErrorCode.ORDER_BUSY)).getStatusCode().value()).isEqualTo(409);
    handler.api(busy(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
    handler.api(busy(ErrorCode.IDEMPOTENCY_KEY_IN_USE));
    handler.api(new OncepayException(ErrorCode.ORDER_ALREADY_PAID, "paid"));
    handler.api(new OncepayException(ErrorCode.CARD_DECLINED, "declined"));
    assertThat(busy("order_busy")).isEqualTo(1);
    assertThat(busy("idempotency_key_in_use")).isEqualTo(2);
    assertThat(busy("payment_busy")).isZero();
  }

  @Test
  void eachSaturationIsCountedUnderItsCause() {
    var answer = handler.unexpected(new CannotGetJdbcConnectionException("no connection"));
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    handler.unexpected(new CannotCreateTransactionException("no connection for a transaction"));
    handler.unexpected(new CannotAcquireLockException("lock_timeout"));
    handler.unexpected(new QueryTimeoutException("statement_timeout"));
    handler.unexpected(new TransientDataAccessResourceException("connection lost"));
    handler.unexpected(
        new RedisUnavailableException("Redis did not answer", new RuntimeException("refused")));
    handler.api(
        OncepayException.retryLater(
            ErrorCode.SERVICE_UNAVAILABLE, "not now", Duration.ofSeconds(1)));
    assertThat(saturated("pool")).isEqualTo(2);
    assertThat(saturated("lock_timeout")).isEqualTo(1);
    assertThat(saturated("statement_timeout")).isEqualTo(1);
    assertThat(saturated("redis")).isEqualTo(1);
    assertThat(saturated("transient")).isEqualTo(1);
    assertThat(saturated("refused")).isEqualTo(1);
  }

  private static OncepayException busy(ErrorCode code) {
    return OncepayException.retryLater(code, "busy", Duration.ofSeconds(1));
  }

  private double busy(String code) {
    return meters.get(ApiExceptionHandler.BUSY_METRIC).tag("code", code).counter().count();
  }

  private double saturated(String cause) {
    return meters.get(ApiExceptionHandler.SATURATED_METRIC).tag("cause", cause).counter().count();
  }
}
