package com.oncepay.idempotency;

import com.oncepay.web.ApiResponse;
import com.oncepay.web.Responses;
import org.springframework.http.ResponseEntity;

/** An answer, and whether it is the replay of an earlier one. */
public record IdempotentResponse(ApiResponse response, boolean replayed) {

  public static IdempotentResponse first(ApiResponse response) {
    return new IdempotentResponse(response, false);
  }

  public ResponseEntity<byte[]> toEntity() {
    return Responses.of(response, replayed);
  }

  public static IdempotentResponse replayed(ApiResponse response) {
    return new IdempotentResponse(response, true);
  }
}
