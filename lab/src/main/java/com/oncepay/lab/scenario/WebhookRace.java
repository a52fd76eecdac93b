package com.oncepay.lab.scenario;

import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.load.Api.Answer;
import com.oncepay.lab.load.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Asynchronous payments whose gateway webhooks race the API: per cart, an {@code async: true} pay
 * ({@code pm_async} mostly, settled by duplicated and reordered webhooks; some {@code pm_ok}) sent
 * twice under one key together with GETs of the order, then more GETs and a re-send racing the
 * settlement, then — bounded — a wait for the payment to settle, and for manual-capture payments a
 * capture that races late duplicate webhooks.
 */
final class WebhookRace implements Scenario {

  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "webhook-race";
  }

  @Override
  public String description() {
    return "Async payments (pm_async, settled by webhooks that arrive duplicated and reordered,"
        + " some before the API answer) raced by GETs, same-key re-sends and captures. Reproduces"
        + " the gateway webhook that overtakes the synchronous response, the duplicate delivery,"
        + " and the stale event that would roll a payment back.";
  }

  @Override
  public int defaultOrders() {
    return 40;
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    return settings.orders() * 12L;
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    String previousKnobs = null;
    if (ctx.simulator() != null && ctx.simulator().owned()) {
      previousKnobs = ctx.simulator().knobs();
      // Settle at once, every event twice: webhooks race the 202 and each other.
      ctx.simulator().setKnobs("{\"async_delay_ms\":0,\"webhook_duplicate_rate\":1.0}");
    }
    AtomicReference<String> unsupported = new AtomicReference<>();
    try {
      Workers.forEach(
          ctx.settings().orders(),
          Math.max(1, ctx.settings().concurrency() / 6),
          () -> unsupported.get() != null || ctx.budgetSpent(),
          ctx.metrics(),
          cart -> cart(ctx, cart, unsupported));
    } finally {
      if (previousKnobs != null) {
        ctx.simulator().setKnobs(previousKnobs);
      }
    }
    if (unsupported.get() != null) {
      throw new ScenarioUnsupportedException(unsupported.get());
    }
  }

  private static void cart(ScenarioContext ctx, int n, AtomicReference<String> unsupported)
      throws InterruptedException {
    if (unsupported.get() != null) {
      return;
    }
    SplittableRandom random = ctx.random(n);
    String cartId = ctx.cartId("wr", n);
    long amount = 1_000 + random.nextLong(20_000);
    Answer placed =
        ctx.api().placeOrder(cartId, amount, ScenarioContext.CURRENCY, ctx.key("wr-place", n));
    if (!placed.ok()) {
      ctx.metrics().problem("cart " + cartId + ": place order answered " + placed.status());
      return;
    }
    String orderId = placed.id();
    String method = random.nextInt(5) == 0 ? "pm_ok" : "pm_async";
    String capture = random.nextInt(4) == 0 ? "manual" : "automatic";
    String payKey = ctx.key("wr-pay", n);
    List<Callable<Answer>> first = new ArrayList<>();
    first.add(() -> ctx.api().pay(orderId, method, capture, true, payKey));
    first.add(() -> ctx.api().pay(orderId, method, capture, true, payKey));
    first.add(() -> ctx.api().getOrder(orderId));
    first.add(() -> ctx.api().getOrder(orderId));
    List<Answer> answers = Workers.together(first, ctx.metrics());
    for (Answer a : answers.subList(0, 2)) {
      if (a != null && a.status() == 400 && "async".equals(ApiJson.errorParam(a.json()))) {
        unsupported.compareAndSet(
            null,
            "webhook-race needs asynchronous payments, but the service refused async: true"
                + " (400 "
                + a.errorCode()
                + ": "
                + ApiJson.text(a.json() == null ? null : a.json().get("error"), "message")
                + ")");
        return;
      }
    }
    String paymentId =
        answers.subList(0, 2).stream()
            .filter(a -> a != null && a.ok())
            .map(Answer::id)
            .findFirst()
            .orElse(null);
    if (paymentId == null) {
      // Both copies met a busy key: ask again under the same key until it has an answer.
      Answer again =
          retryUnderKey(ctx, () -> ctx.api().pay(orderId, method, capture, true, payKey));
      if (again == null || !again.ok()) {
        ctx.metrics()
            .problem(
                "order "
                    + orderId
                    + ": async pay answered "
                    + DoubleClick.statuses(answers.subList(0, 2)));
        return;
      }
      paymentId = again.id();
    }
    String payment = paymentId;
    Workers.together(
        List.of(
            () -> ctx.api().getPayment(payment),
            () -> ctx.api().getOrder(orderId),
            () -> ctx.api().pay(orderId, method, capture, true, payKey),
            () -> ctx.api().getPayment(payment)),
        ctx.metrics());
    String status = awaitSettled(ctx, payment);
    if ("authorized".equals(status)) {
      String captureKey = ctx.key("wr-capture", n);
      Workers.together(
          List.of(
              () -> ctx.api().capture(payment, null, captureKey),
              () -> ctx.api().capture(payment, null, captureKey),
              () -> ctx.api().getPayment(payment)),
          ctx.metrics());
    }
  }

  /** Re-sends under the same key while the key is busy (409), for at most a few seconds. */
  private static Answer retryUnderKey(ScenarioContext ctx, Callable<Answer> send)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Answer a = null;
    while (System.nanoTime() < deadline) {
      try {
        a = send.call();
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        ctx.metrics().problem("async pay re-send: " + e);
        return null;
      }
      if (a.status() != 409 || !"idempotency_key_in_use".equals(a.errorCode())) {
        return a;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return a;
  }

  /**
   * Polls the payment until it leaves processing/unknown, for at most {@link #WAIT} (the final
   * settle wait, with its own longer bound, judges what is still moving after that).
   */
  private static String awaitSettled(ScenarioContext ctx, String paymentId) {
    Duration wait =
        ctx.settings().settleTimeout().compareTo(WAIT) < 0 ? ctx.settings().settleTimeout() : WAIT;
    long deadline = System.nanoTime() + wait.toNanos();
    String status = null;
    while (System.nanoTime() < deadline) {
      Answer a = ctx.api().getPayment(paymentId);
      status = ApiJson.text(a.json(), "status");
      boolean pending = ApiJson.text(a.json(), "pending_operation") != null;
      if (a.status() == 200
          && !pending
          && !"processing".equals(status)
          && !"unknown".equals(status)) {
        return status;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return status;
  }
}
