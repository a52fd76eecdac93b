package com.oncepay.lab.scenario;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts unit of work {@code i} at {@code start + i/rate} whether or not earlier ones have
 * finished, until the budget is spent, with at most {@code concurrency} in flight. Each unit gets
 * its due time, so it can time its first call from when it should have started: a stalled service
 * shows up as latency instead of as fewer requests (no coordinated omission). When the in-flight
 * cap bites, the wait counts as latency too.
 */
final class OpenModel {

  /** One unit of work: {@code n} numbers it, {@code dueNanos} is when it should have started. */
  interface Unit {
    void run(long n, long dueNanos);
  }

  private OpenModel() {}

  static void run(ScenarioContext ctx, Unit unit) throws InterruptedException {
    long interval = Math.max(1, Math.round(1e9 / ctx.settings().rate()));
    Semaphore inFlight = new Semaphore(Math.max(1, ctx.settings().concurrency()));
    long start = ctx.startNanos();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0; ; i++) {
        long due = start + i * interval;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (ctx.budgetSpent() || Thread.currentThread().isInterrupted()) {
          break;
        }
        inFlight.acquire();
        long n = i;
        threads.submit(
            () -> {
              try {
                unit.run(n, due);
              } finally {
                inFlight.release();
              }
            });
      }
    }
  }
}
