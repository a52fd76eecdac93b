package com.oncepay.lab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The lab's three ways of running work on virtual threads. A unit that throws is recorded as a lab
 * problem and does not stop the others: one broken answer must not hide the rest of the run.
 */
public final class Workers {

  private Workers() {}

  /** A worker's loop body: returns false when the worker has nothing more to do. */
  @FunctionalInterface
  public interface Step {
    boolean run(int worker) throws Exception;
  }

  /** One unit of {@link #forEach}; an interrupt ends the unit and keeps the thread's flag. */
  public interface Unit {
    void run(int unit) throws InterruptedException;
  }

  /** Runs {@code body(i)} for each i in [0, n), at most {@code parallel} at once, until stop. */
  public static void forEach(
      int n, int parallel, BooleanSupplier stop, ScenarioMetrics metrics, Unit body)
      throws InterruptedException {
    Semaphore slots = new Semaphore(Math.max(1, parallel));
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n && !stop.getAsBoolean(); i++) {
        slots.acquire();
        int unit = i;
        threads.submit(
            () -> {
              try {
                body.run(unit);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                metrics.problem("unit " + unit + ": " + e);
              } finally {
                slots.release();
              }
            });
      }
    }
  }

  /** Starts {@code workers} loops that each run {@code step} until it returns false or stop. */
  public static void loop(int workers, BooleanSupplier stop, ScenarioMetrics metrics, Step step) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < workers; w++) {
        int worker = w;
        threads.submit(
            () -> {
              while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                try {
                  if (!step.run(worker)) {
                    return;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                } catch (Exception e) {
                  metrics.problem("worker " + worker + ": " + e);
                }
              }
            });
      }
    }
  }

  /**
   * Runs every task at once, released together by one latch (the double click), and returns the
   * results in task order; a task that threw yields null.
   */
  public static <T> List<T> together(List<Callable<T>> tasks, ScenarioMetrics metrics)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Callable<T> task : tasks) {
        futures.add(
            threads.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
    }
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (ExecutionException e) {
        metrics.problem("concurrent task: " + e.getCause());
        results.add(null);
      }
    }
    return results;
  }
}
