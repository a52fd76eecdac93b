package com.oncepay.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs N calls on N real threads, all released at the same instant, under a hard deadline. The
 * point is contention: every call is already waiting at the gate when it opens.
 */
public final class Race {

  private Race() {}

  public static <T> List<T> run(int n, Duration deadline, IntFunction<T> call) {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch gate = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  gate.await();
                  return call.apply(index);
                }));
      }
      if (!ready.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("racers not ready within " + deadline);
      }
      gate.countDown();
      List<T> results = new ArrayList<>(n);
      long end = System.nanoTime() + deadline.toNanos();
      for (Future<T> future : futures) {
        long left = end - System.nanoTime();
        results.add(future.get(Math.max(1, left), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (Exception e) {
      throw new AssertionError("race did not finish: " + e, e);
    }
  }
}
