package com.oncepay.web;

import com.oncepay.error.OncepayException;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.StoredAnswer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Turns finished answers into HTTP responses, the same way for first answers and replays. */
public final class Responses {

  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private Responses() {}

  /** A request with an idempotency key: its answer, and on a replay {@value #REPLAYED_HEADER}. */
  public static ResponseEntity<byte[]> of(Answered<?> answered) {
    StoredAnswer answer = answered.answer();
    var builder = ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON);
    if (answered.replayed()) {
      builder.header(REPLAYED_HEADER, "true");
    }
    return builder.body(answer.body());
  }

  /** 200 with the view as JSON, for reads and other answers that are not stored. */
  public static ResponseEntity<byte[]> ok(Object view) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(view));
  }

  public static ResponseEntity<byte[]> error(OncepayException e) {
    StoredAnswer body = HttpErrors.answer(e.rejection());
    var builder = ResponseEntity.status(body.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfter() != null) {
      builder.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder.body(body.body());
  }

  /** The same error answer, written by a filter straight to the servlet response. */
  static void write(jakarta.servlet.http.HttpServletResponse response, OncepayException e)
      throws java.io.IOException {
    ResponseEntity<byte[]> answer = error(e);
    response.setStatus(answer.getStatusCode().value());
    answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
    response.getOutputStream().write(answer.getBody());
  }
}
