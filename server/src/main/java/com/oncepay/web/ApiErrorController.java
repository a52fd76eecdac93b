package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.idempotency.StoredAnswer;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What the servlet container's error dispatch renders — a failure that escaped every handler, or a
 * status set by the container — as oncepay's error object instead of Spring's default JSON. A
 * request for {@code /error} itself is an unknown route: 404.
 */
@Controller
class ApiErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<byte[]> error(HttpServletRequest request) {
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    StoredAnswer answer = forStatus(status instanceof Integer code ? code : 404);
    return ResponseEntity.status(answer.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(answer.body());
  }

  /** The error object for a bare status, as the container or Tomcat reports it. */
  static StoredAnswer forStatus(int status) {
    return switch (status) {
      case 400 -> HttpErrors.answer(ErrorCode.PARAMETER_INVALID, "The request is malformed.");
      case 401 -> HttpErrors.answer(ErrorCode.UNAUTHORIZED, "Authentication is required.");
      case 404 -> HttpErrors.answer(ErrorCode.NOT_FOUND, "Unrecognized request URL.");
      // 501: a method no servlet implements (FOO, PROPFIND): to the client, not allowed here.
      case 405, 501 ->
          HttpErrors.answer(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here.");
      case 413, 414, 431 ->
          HttpErrors.answer(
              ErrorCode.REQUEST_TOO_LARGE, "The request or its headers are too large.");
      case 415 ->
          HttpErrors.answer(
              ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as Content-Type: application/json.");
      case 503 ->
          HttpErrors.answer(
              ErrorCode.SERVICE_UNAVAILABLE, "Unavailable; retry with the same Idempotency-Key.");
      default ->
          status >= 400 && status < 500
              ? HttpErrors.answer(ErrorCode.PARAMETER_INVALID, "The request is malformed.")
              : HttpErrors.answer(ErrorCode.INTERNAL_ERROR, "An internal error occurred.");
    };
  }
}
