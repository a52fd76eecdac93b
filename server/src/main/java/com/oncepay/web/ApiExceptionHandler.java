package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.persistence.TransientFailures;
import com.oncepay.redis.RedisUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to the one error format, once. Nothing reaches a client as an HTML page.
 *
 * <p>Here, where the status is decided, the answers that tell a client to come back later are
 * counted: {@value #BUSY_METRIC} by error code (409: the order, the payment or the key is taken by
 * another request right now) and {@value #SATURATED_METRIC} by cause (503: no connection, a lock or
 * statement timeout, Redis not answering). Every code and cause is registered at start-up, so a
 * rate of zero is a series of zeros, not a missing one.
 */
@RestControllerAdvice
class ApiExceptionHandler {

  static final String BUSY_METRIC = "oncepay.http.busy";
  static final String SATURATED_METRIC = "oncepay.http.saturated";

  /** Why the service answered 503. */
  enum Saturation {
    /** No pooled connection within the connection timeout. */
    POOL,
    /** {@code lock_timeout}: a row or advisory lock held too long by others. */
    LOCK_TIMEOUT,
    /** {@code statement_timeout}. */
    STATEMENT_TIMEOUT,
    /** Redis, the lock service of the {@code redis} strategy, did not answer in time. */
    REDIS,
    /** Any other transient database failure (a serialization failure, a lost connection). */
    TRANSIENT,
    /** A refusal raised by the service itself as {@code service_unavailable}. */
    REFUSED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Saturation of(Throwable e) {
      return switch (e) {
        case CannotGetJdbcConnectionException _, CannotCreateTransactionException _ -> POOL;
        case PessimisticLockingFailureException _ -> LOCK_TIMEOUT;
        case QueryTimeoutException _ -> STATEMENT_TIMEOUT;
        case RedisUnavailableException _ -> REDIS;
        default -> TRANSIENT;
      };
    }
  }

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final Map<ErrorCode, Counter> busy = new EnumMap<>(ErrorCode.class);
  private final Map<Saturation, Counter> saturated = new EnumMap<>(Saturation.class);

  ApiExceptionHandler(MeterRegistry meters) {
    Arrays.stream(ErrorCode.values())
        .filter(ApiExceptionHandler::isBusy)
        .forEach(
            code ->
                busy.put(
                    code,
                    Counter.builder(BUSY_METRIC)
                        .description("409 answers with Retry-After: taken by another request")
                        .tag("code", code.code())
                        .register(meters)));
    for (Saturation cause : Saturation.values()) {
      saturated.put(
          cause,
          Counter.builder(SATURATED_METRIC)
              .description("503 answers with Retry-After: the service is saturated")
              .tag("cause", cause.tag())
              .register(meters));
    }
  }

  /** A 409 that may succeed unchanged later: order_busy, payment_busy, idempotency_key_in_use. */
  static boolean isBusy(ErrorCode code) {
    return code.retryable() && HttpErrors.status(code) == 409;
  }

  @ExceptionHandler(OncepayException.class)
  ResponseEntity<byte[]> api(OncepayException e) {
    if (isBusy(e.code())) {
      busy.get(e.code()).increment();
    } else if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
      saturated.get(Saturation.REFUSED).increment();
    }
    return Responses.error(e);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<byte[]> notFound(NoResourceFoundException e) {
    return Responses.error(new OncepayException(ErrorCode.NOT_FOUND, "Unrecognized request URL."));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<byte[]> method(HttpRequestMethodNotSupportedException e) {
    return Responses.error(
        new OncepayException(
            ErrorCode.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " not allowed."));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<byte[]> mediaType(HttpMediaTypeNotSupportedException e) {
    return Responses.error(
        new OncepayException(
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as Content-Type: application/json."));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<byte[]> header(MissingRequestHeaderException e) {
    return Responses.error(
        new OncepayException(
            ErrorCode.PARAMETER_MISSING, "Missing header " + e.getHeaderName(), e.getHeaderName()));
  }

  /** Tomcat could not decode the query string ({@code ?%zz=1}, {@code ?=}): the client's fault. */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<byte[]> query(InvalidParameterException e) {
    return Responses.error(
        new OncepayException(
            ErrorCode.PARAMETER_INVALID,
            "The query string is malformed (an empty name or an undecodable escape).",
            "query"));
  }

  /**
   * Pool exhausted, lock_timeout or statement_timeout, a connection lost or a database restarting:
   * the service is saturated or briefly cut off, not broken ({@link TransientFailures}). Fail fast
   * with 503 and Retry-After instead of queueing without bound; anything else is a bug, a 500.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e) {
    if (TransientFailures.isTransient(e)) {
      log.warn("answering 503: {}", e.getMessage());
      saturated.get(Saturation.of(e)).increment();
      return Responses.error(
          OncepayException.retryLater(
              ErrorCode.SERVICE_UNAVAILABLE,
              "The service is saturated; retry with the same Idempotency-Key.",
              Duration.ofSeconds(1)));
    }
    log.error("unexpected error", e);
    return Responses.error(
        new OncepayException(ErrorCode.INTERNAL_ERROR, "An internal error occurred."));
  }
}
