package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.FaultRecord;
import com.oncepay.lab.load.InFlightCalls;
import com.oncepay.lab.report.ChaosSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The checkout mix through the balancer while the lab breaks the topology it started ({@link
 * FaultPlan}): {@code kill -9} of a random instance every few seconds (started again at once on its
 * port), one {@code pg_ctl restart -m fast}, the gateway simulator killed and back after 10 s with
 * its journal, PgBouncer killed and back after 5 s, and with {@code --strategy redis} the lab's
 * Redis killed and back, empty, after 3 s. For each fault, {@link RecoveryWatch} times how long the
 * operations in flight at that moment took to become definite. The shop here is patient, as a real
 * one is: it retries 503s and lost connections with the same Idempotency-Key for up to about two
 * minutes, so accepted work is never abandoned.
 */
final class Chaos implements Scenario {

  /** The target: every accepted payment definite this soon after each fault. */
  static final double TARGET_RECOVERY_S = ChaosSummary.TARGET_RECOVERY_S;

  private static final int PATIENT_ATTEMPTS = 60;

  @Override
  public String name() {
    return "chaos";
  }

  @Override
  public String description() {
    return "The checkout mix through the balancer while the lab kills a random instance (kill -9,"
        + " restarted on its port) every few seconds, restarts PostgreSQL once (pg_ctl restart -m"
        + " fast), stops the gateway simulator for 10 s (kill -9, restarted with its journal) and"
        + " cuts PgBouncer for 5 s; with --strategy redis, also kills the lab's Redis (back, empty,"
        + " after 3 s). Reports, per fault, how long the operations in flight at that"
        + " moment took to become definite (target "
        + (int) TARGET_RECOVERY_S
        + " s). Needs --spawn with --instances or --pgbouncer.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(300));
  }

  @Override
  public int shopAttempts() {
    return PATIENT_ATTEMPTS;
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    Budget budget = settings.budget();
    return budget.duration() == null
        ? -1
        : Math.round(settings.rate() * budget.duration().toMillis() / 1000.0 * 2.6);
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    Faults faults = ctx.faults();
    if (faults == null) {
      throw new ScenarioUnsupportedException(
          "chaos needs a topology the lab started itself: --spawn with --instances N or"
              + " --pgbouncer");
    }
    Duration duration = ctx.settings().budget().duration();
    if (duration == null) {
      throw new ScenarioUnsupportedException("chaos runs for a --duration, not a --requests");
    }
    List<FaultPlan.Planned> plan =
        FaultPlan.plan(
            duration.toMillis() / 1000.0,
            faults.hasPgBouncer(),
            faults.hasRabbitMq(),
            faults.hasRedis());
    List<Future<FaultRecord>> recovered = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> load =
          threads.submit(
              () -> {
                OpenModel.run(ctx, (n, due) -> CheckoutMix.checkout(ctx, n, due));
                return null;
              });
      SplittableRandom random = ctx.random(-1);
      for (FaultPlan.Planned planned : plan) {
        sleepUntil(ctx.startNanos() + (long) (planned.atS() * 1e9));
        if (load.isDone()) {
          break;
        }
        Future<FaultRecord> fault = inject(ctx, faults, planned, random, threads);
        if (fault != null) {
          recovered.add(fault);
        }
      }
      load.get();
      // The load phase ends here; waiting for the last recoveries is not throughput.
      ctx.metrics().stop();
      for (Future<FaultRecord> f : recovered) {
        ctx.metrics().fault(f.get());
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("chaos failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Injects one fault now, then repairs it and times the recovery in the background; the record
   * comes when the recovery is known or its deadline passed. Null when the fault was skipped.
   */
  private Future<FaultRecord> inject(
      ScenarioContext ctx,
      Faults faults,
      FaultPlan.Planned planned,
      SplittableRandom random,
      ExecutorService threads) {
    long at = System.nanoTime();
    double atS = Math.round((at - ctx.startNanos()) / 1e8) / 10.0;
    List<InFlightCalls.Call> inFlight = ctx.metrics().inFlight().snapshot();
    RecoveryWatch watch = new RecoveryWatch(ctx.driver().quiet(), at, inFlight);
    String target;
    java.util.function.Supplier<String> repair;
    try {
      switch (planned.kind()) {
        case KILL_INSTANCE -> {
          int i = pickInstance(faults, random);
          if (i < 0) {
            ctx.metrics()
                .problem(
                    "chaos: the kill at "
                        + atS
                        + " s was skipped: fewer than two instances were up (the others were"
                        + " still restarting)");
            return null;
          }
          target = "instance-" + (i + 1);
          faults.killInstance(i);
          repair =
              () -> {
                int starts = faults.restartInstance(i);
                return starts == 1 ? null : "started " + starts + " times before it was ready";
              };
        }
        case RESTART_POSTGRES -> {
          target = "postgresql";
          faults.restartPostgres();
          repair = () -> null;
        }
        case STOP_GATEWAY -> {
          target = "gateway-simulator";
          faults.killGateway();
          repair =
              () -> {
                sleep(planned.kind().downS());
                faults.restartGateway();
                return null;
              };
        }
        case CUT_PGBOUNCER -> {
          target = "pgbouncer";
          faults.killPgBouncer();
          repair =
              () -> {
                sleep(planned.kind().downS());
                faults.restartPgBouncer();
                return null;
              };
        }
        case RESTART_RABBITMQ -> {
          target = "rabbitmq";
          faults.stopRabbitMq();
          repair =
              () -> {
                sleep(planned.kind().downS());
                faults.startRabbitMq();
                return null;
              };
        }
        case RESTART_REDIS -> {
          target = "redis";
          faults.killRedis();
          repair =
              () -> {
                sleep(planned.kind().downS());
                faults.restartRedis();
                return null;
              };
        }
        default -> throw new IllegalStateException("unknown fault " + planned.kind());
      }
    } catch (RuntimeException e) {
      return threads.submit(
          () ->
              new FaultRecord(
                  planned.kind().key(),
                  "?",
                  atS,
                  0,
                  inFlight.size(),
                  null,
                  0,
                  null,
                  null,
                  e.getMessage()));
    }
    String hit = target;
    // The watch runs from the fault on, beside the repair: a restart that takes 20 s must not
    // delay the reads of calls that ended meanwhile.
    Future<Double> recovery = threads.submit(() -> watch.await(recoveryDeadline(ctx)));
    return threads.submit(
        () -> {
          String error = null;
          String note = null;
          try {
            note = repair.get();
          } catch (RuntimeException e) {
            error = "could not repair: " + e.getMessage();
          }
          double downS = Math.round((System.nanoTime() - at) / 1e8) / 10.0;
          Double recoveredAfter = recovery.get();
          return new FaultRecord(
              planned.kind().key(),
              hit,
              atS,
              downS,
              watch.inFlight(),
              recoveredAfter,
              watch.unresolved(),
              watch.slowest(),
              note,
              error);
        });
  }

  /** Until the load has ended and the settle time after it has passed. */
  private static long recoveryDeadline(ScenarioContext ctx) {
    Duration duration = ctx.settings().budget().duration();
    return ctx.startNanos() + duration.toNanos() + ctx.settings().settleTimeout().toNanos();
  }

  /**
   * A random instance that is up, never the last one up when there are others; -1 when there is
   * none to kill.
   */
  static int pickInstance(Faults faults, SplittableRandom random) {
    List<Integer> up = new ArrayList<>();
    for (int i = 0; i < faults.instances(); i++) {
      if (faults.instanceUp(i)) {
        up.add(i);
      }
    }
    if (up.isEmpty() || (up.size() == 1 && faults.instances() > 1)) {
      return -1;
    }
    return up.get(random.nextInt(up.size()));
  }

  private static void sleepUntil(long nanos) {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private static void sleep(double seconds) {
    sleepUntil(System.nanoTime() + (long) (seconds * 1e9));
  }
}
