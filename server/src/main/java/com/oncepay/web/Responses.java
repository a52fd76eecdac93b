package com.oncepay.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Turns finished answers into HTTP responses, the same way for first answers and replays. */
public final class Responses {

  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  private Responses() {}

  public static ResponseEntity<byte[]> of(ApiResponse response) {
    return ResponseEntity.status(response.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(response.body());
  }

  /** A first answer as is; a replay with {@value #REPLAYED_HEADER}: true. */
  public static ResponseEntity<byte[]> of(ApiResponse response, boolean replayed) {
    return replayed ? replay(response) : of(response);
  }

  public static ResponseEntity<byte[]> replay(ApiResponse response) {
    return ResponseEntity.status(response.status())
        .contentType(MediaType.APPLICATION_JSON)
        .header(REPLAYED_HEADER, "true")
        .body(response.body());
  }

  public static ResponseEntity<byte[]> error(ApiException e) {
    ApiResponse body = Json.error(e);
    var builder = ResponseEntity.status(body.status()).contentType(MediaType.APPLICATION_JSON);
    if (e.retryAfter() != null) {
      builder.header(
          HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
    }
    return builder.body(body.body());
  }
}
