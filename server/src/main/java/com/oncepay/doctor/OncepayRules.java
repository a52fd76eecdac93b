package com.oncepay.doctor;

import com.oncepay.config.OncepayProperties;
import java.time.Duration;
import java.util.Optional;

/** How to judge oncepay's own settings, its running instance and its tables. Pure: no I/O. */
final class OncepayRules {

  private OncepayRules() {}

  static Finding settings(Optional<String> invalidBecause) {
    return invalidBecause
        .map(
            why ->
                Finding.fail(
                    "settings",
                    "serve refuses to start with these ONCEPAY_* settings: " + why,
                    "change the setting the message names; doctor checks nothing else until"
                        + " serve would start"))
        .orElseGet(() -> Finding.ok("settings", "the ONCEPAY_* settings are valid"));
  }

  /**
   * A request holds its idempotency key for the lease; the gateway call inside it can take
   * read-timeout x max-attempts. If the lease ran out first, a retry would take the key over while
   * the first request is still talking to the gateway.
   */
  static Finding leaseCoversGatewayCall(
      OncepayProperties.Gateway gateway, OncepayProperties.Idempotency idempotency) {
    Duration worst = gateway.readTimeout().multipliedBy(gateway.maxAttempts());
    String finding =
        "idempotency lease %s vs gateway read-timeout %s x %d attempts = %s"
            .formatted(
                Durations.human(idempotency.lease()),
                Durations.human(gateway.readTimeout()),
                gateway.maxAttempts(),
                Durations.human(worst));
    if (idempotency.lease().compareTo(worst) <= 0) {
      return Finding.fail(
          "lease-vs-gateway",
          finding
              + ": a retry could take over a key while the first request is still in the"
              + " gateway, and both would act on one payment",
          "set ONCEPAY_IDEMPOTENCY_LEASE above "
              + Durations.human(worst)
              + ", or lower ONCEPAY_GATEWAY_READ_TIMEOUT or ONCEPAY_GATEWAY_MAX_ATTEMPTS");
    }
    return Finding.ok("lease-vs-gateway", finding);
  }

  /**
   * Each running job holds at most one pooled connection at a time (never across the gateway call),
   * and the dispatcher's claim and the heartbeat one each more: at concurrency + 2 >= pool size the
   * queue alone can hold every connection while the gateway answers in bursts, and HTTP requests
   * then wait out the connection timeout and get 503.
   */
  static Finding workerVersusPool(OncepayProperties.Worker worker, OncepayProperties.Db db) {
    if (!worker.enabled()) {
      return Finding.ok("worker-vs-pool", "the queue worker is disabled on this instance");
    }
    int workerConnections = worker.concurrency() + 2;
    String finding =
        "worker concurrency %d (+ claim + heartbeat = %d connections at most) vs pool size %d"
            .formatted(worker.concurrency(), workerConnections, db.poolSize());
    if (workerConnections >= db.poolSize()) {
      return Finding.warn(
          "worker-vs-pool",
          finding + ": the queue can take the whole pool, and API requests then get 503",
          "keep ONCEPAY_WORKER_CONCURRENCY + 2 below ONCEPAY_DB_POOL_SIZE, e.g."
              + " ONCEPAY_WORKER_CONCURRENCY="
              + Math.max(1, db.poolSize() / 2)
              + " or ONCEPAY_DB_POOL_SIZE="
              + (workerConnections + 10));
    }
    return Finding.ok("worker-vs-pool", finding + ": API requests keep connections of their own");
  }

  /** Spring answers 200 for UP (and UNKNOWN), 503 for DOWN and OUT_OF_SERVICE. */
  static Finding health(int code, String status) {
    if (code == 200 && status.equals("UP")) {
      return Finding.ok("instance-health", "GET /actuator/health answered 200, status UP");
    }
    return Finding.fail(
        "instance-health",
        "GET /actuator/health answered " + code + ", status " + status,
        "look at the instance's log and GET /actuator/health for the component that is not UP"
            + " (the database, usually)");
  }

  static Finding unreachable(String target, String why) {
    return Finding.fail(
        "instance-health",
        "no answer from " + target + "/actuator/health: " + why,
        "start the instance (./oncepay serve), or pass its URL with --target");
  }

  static Finding heap(long maxBytes, long minBytes) {
    String finding = "max heap %d MiB".formatted(maxBytes / 1024 / 1024);
    if (maxBytes < minBytes) {
      return Finding.warn(
          "instance-heap",
          finding
              + ", under "
              + minBytes / 1024 / 1024
              + " MiB: a burst of requests or a queue backlog ends in OutOfMemoryError or"
              + " long GC pauses that outlast leases and timeouts",
          "give the JVM more: ONCEPAY_JAVA_OPTS=-Xmx512m (or -XX:MaxRAMPercentage=75 in a"
              + " container)");
    }
    return Finding.ok("instance-heap", finding);
  }

  /**
   * Leases and lock expiry are compared across machines: a clock that is seconds off makes one
   * instance take over work another still holds, or keep work nobody does.
   *
   * @param database skew of the database's clock against this machine's, if measured
   * @param instance skew of the instance's clock, if measured (its Date header has one-second
   *     resolution, so the measured value is already the least skew consistent with it)
   */
  static Finding clockSkew(
      Optional<Duration> database, Optional<Duration> instance, Duration warn, Duration fail) {
    Duration worst = Duration.ZERO;
    StringBuilder finding = new StringBuilder();
    if (database.isPresent()) {
      finding.append("database ").append(signedMillis(database.get()));
      worst = max(worst, database.get().abs());
    }
    if (instance.isPresent()) {
      if (!finding.isEmpty()) {
        finding.append(", ");
      }
      finding.append("instance ").append(signedMillis(instance.get()));
      worst = max(worst, instance.get().abs());
    }
    if (database.isPresent() && instance.isPresent()) {
      Duration between = database.get().minus(instance.get()).abs();
      finding.append(", database vs instance ").append(between.toMillis()).append(" ms");
      worst = max(worst, between);
    }
    finding.append(" against this machine");
    String fix =
        "run NTP (chrony or systemd-timesyncd) on every host and check it is synchronised"
            + " (chronyc tracking / timedatectl)";
    if (worst.compareTo(fail) > 0) {
      return Finding.fail(
          "clock-skew",
          finding
              + ": leases and lock expiry are compared across machines, so one instance would"
              + " take over work another still holds",
          fix);
    }
    if (worst.compareTo(warn) > 0) {
      return Finding.warn(
          "clock-skew", finding + ": leases are off by that much between machines", fix);
    }
    return Finding.ok("clock-skew", finding.toString());
  }

  static Finding unsettledOperations(
      long count, Duration oldest, Duration warn, Duration fail, int failCount) {
    if (count == 0) {
      return Finding.ok(
          "unknown-operations",
          "no gateway operation unresolved for longer than " + Durations.human(warn));
    }
    String finding =
        "%d gateway operation(s) 'unknown' or 'processing' past their lease for longer than %s; the oldest since %d s"
            .formatted(count, Durations.human(warn), oldest.toSeconds());
    String fix =
        "check that an instance is running its recovery (ONCEPAY_WORKER_ENABLED, the queue's"
            + " dead jobs below) and that the gateway answers; list them with SELECT id, kind,"
            + " status, attempts, created_at FROM payment_operations WHERE status IN"
            + " ('unknown', 'processing') ORDER BY created_at";
    if (count >= failCount || oldest.compareTo(fail) > 0) {
      return Finding.fail(
          "unknown-operations",
          finding + ": customers were charged or not and nobody knows which",
          fix);
    }
    return Finding.warn("unknown-operations", finding + ": recovery is not keeping up", fix);
  }

  static Finding deadJobs(long count, String lastError) {
    if (count == 0) {
      return Finding.ok("dead-jobs", "no dead-lettered jobs in the outbox");
    }
    return Finding.warn(
        "dead-jobs",
        count
            + " job(s) in the outbox used up their attempts and will not run again; latest"
            + " error: "
            + (lastError == null ? "none recorded" : brief(lastError)),
        "fix the cause, then requeue them: UPDATE outbox SET status = 'ready', attempts = 0,"
            + " run_at = now() WHERE status = 'dead'");
  }

  static Finding flaggedWebhooks(long count, Duration window) {
    if (count == 0) {
      return Finding.ok(
          "flagged-webhooks",
          "no gateway webhook contradicted our records in the last " + days(window));
    }
    return Finding.warn(
        "flagged-webhooks",
        count
            + " gateway webhook(s) in the last "
            + days(window)
            + " contradicted our records and were not applied",
        "compare each with the gateway's view: SELECT event_id, type, payment_id, note FROM"
            + " gateway_events WHERE outcome = 'flagged' ORDER BY received_at DESC");
  }

  private static String days(Duration window) {
    return window.toDays() + " days";
  }

  private static String signedMillis(Duration d) {
    return (d.isNegative() ? "-" : "+") + d.abs().toMillis() + " ms";
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String brief(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
  }
}
