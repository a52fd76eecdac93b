package com.oncepay.redis;

import org.springframework.dao.PessimisticLockingFailureException;

/**
 * A fenced write kept meeting a stored fence above fresh tokens while its holder still held the
 * lock (it should take one repair of the counter; this is the bound on it): answered as a lock
 * timeout (503 + Retry-After, saturation cause {@code lock_timeout}).
 */
public final class RedisLockBusyException extends PessimisticLockingFailureException {

  public RedisLockBusyException(String message) {
    super(message);
  }
}
