package com.oncepay.redis;

import org.springframework.dao.TransientDataAccessException;

/**
 * Redis did not answer in time (down, restarting, slow, or unreachable): the claim did not happen
 * and nothing was written. Transient ({@code persistence.TransientFailures}), so the request is
 * answered 503 + Retry-After and counted under the saturation cause {@code redis}; the client
 * retries with the same Idempotency-Key once Redis is back.
 */
public final class RedisUnavailableException extends TransientDataAccessException {

  public RedisUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
