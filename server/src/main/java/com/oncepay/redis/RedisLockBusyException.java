package com.oncepay.redis;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Another holder kept the Redis lock past {@code oncepay.redis.lock-wait}: the counterpart of
 * PostgreSQL's lock_timeout for the {@code redis} strategy, answered the same way (503 +
 * Retry-After, saturation cause {@code lock_timeout}).
 */
public final class RedisLockBusyException extends PessimisticLockingFailureException {

  public RedisLockBusyException(String message) {
    super(message);
  }
}
