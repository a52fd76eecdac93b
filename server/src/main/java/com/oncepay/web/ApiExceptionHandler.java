package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to the one error format, once. Nothing reaches a client as an HTML page. */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(OncepayException.class)
  ResponseEntity<byte[]> api(OncepayException e) {
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

  /**
   * Pool exhausted, lock_timeout or statement_timeout, a connection lost or a database restarting:
   * the service is saturated or briefly cut off, not broken ({@link TransientFailures}). Fail fast
   * with 503 and Retry-After instead of queueing without bound; anything else is a bug, a 500.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<byte[]> unexpected(Exception e) {
    if (TransientFailures.isTransient(e)) {
      log.warn("answering 503: {}", e.getMessage());
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
