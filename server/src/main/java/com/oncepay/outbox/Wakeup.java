package com.oncepay.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Tells the dispatcher there may be work: a notification, a finished job, a local enqueue. */
@Component
public class Wakeup {

  private final Semaphore signal = new Semaphore(0);

  public void signal() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  /** Waits for a signal or the timeout; several signals while busy count as one. */
  public void await(Duration timeout) throws InterruptedException {
    if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      signal.drainPermits();
    }
  }
}
