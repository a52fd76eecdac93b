package com.oncepay.web;

import java.util.Arrays;

/**
 * A finished answer as it goes on the wire: status and exact body bytes. Stored with an idempotency
 * key, it is replayed byte for byte.
 */
public record ApiResponse(int status, byte[] body) {

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiResponse(int s, byte[] b) && s == status && Arrays.equals(b, body);
  }

  @Override
  public int hashCode() {
    return 31 * status + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "ApiResponse[" + status + "]";
  }
}
