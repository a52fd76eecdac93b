package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Api.Answer;
import com.oncepay.lab.load.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Per cart, one request and then {@value #COPIES} copies of it under the same key while it is still
 * in flight, one copy with the same key but another body, and a last copy after it finished — for
 * place order, pay (with {@code pm_slow}, so the first is really in flight at the gateway) and a
 * refund. Every completed answer under a key must be byte-identical; the odd body must be refused;
 * one order, one charge and one refund must come out.
 */
final class RetryStorm implements Scenario {

  static final int COPIES = 8;

  /** Long enough for the first request to reach the service before its copies. */
  private static final Duration HEAD_START = Duration.ofMillis(20);

  @Override
  public String name() {
    return "retry-storm";
  }

  @Override
  public String description() {
    return "Per cart, one request plus "
        + COPIES
        + " copies under the same key while it is in flight, one same-key copy with another body"
        + " and one copy after it finished, for place order, pay (pm_slow) and refund. Reproduces"
        + " a proxy, load balancer or mobile client retrying a request that timed out while the"
        + " original is still running.";
  }

  @Override
  public int defaultOrders() {
    return 20;
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    return (long) settings.orders() * (COPIES + 3) * 3;
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    int parallelCarts = Math.max(1, ctx.settings().concurrency() / (COPIES + 2));
    Workers.forEach(
        ctx.settings().orders(),
        parallelCarts,
        ctx::budgetSpent,
        ctx.metrics(),
        cart -> cart(ctx, cart));
  }

  private static void cart(ScenarioContext ctx, int n) throws InterruptedException {
    var random = ctx.random(n);
    String cartId = ctx.cartId("rs", n);
    long amount = 3_000 + random.nextLong(30_000);
    String placeKey = ctx.key("rs-place", n);
    Answer placed =
        storm(
            ctx,
            () -> ctx.api().placeOrder(cartId, amount, ScenarioContext.CURRENCY, placeKey),
            () -> ctx.api().placeOrder(cartId, amount + 1, ScenarioContext.CURRENCY, placeKey));
    if (placed == null || !placed.ok()) {
      ctx.metrics().problem("cart " + cartId + ": place order answered " + describe(placed));
      return;
    }
    String orderId = placed.id();
    String payKey = ctx.key("rs-pay", n);
    Answer paid =
        storm(
            ctx,
            () -> ctx.api().pay(orderId, "pm_slow", "automatic", false, payKey),
            () -> ctx.api().pay(orderId, "pm_slow", "manual", false, payKey));
    if (paid == null || !paid.ok()) {
      ctx.metrics().problem("order " + orderId + ": pay answered " + describe(paid));
      return;
    }
    String paymentId = paid.id();
    long refund = amount / 3;
    String refundKey = ctx.key("rs-refund", n);
    storm(
        ctx,
        () -> ctx.api().refund(paymentId, refund, refundKey),
        () -> ctx.api().refund(paymentId, refund + 1, refundKey));
  }

  /**
   * The first request, its copies while it runs, the odd-body copy, and a last copy after it
   * finished; returns the answer that carries the outcome: the first success among them (a copy may
   * overtake the first request), else the first request's answer.
   */
  private static Answer storm(
      ScenarioContext ctx, Supplier<Answer> request, Supplier<Answer> otherBody)
      throws InterruptedException {
    CompletableFuture<Answer> first =
        CompletableFuture.supplyAsync(request, Thread.ofVirtual()::start);
    LockSupport.parkNanos(HEAD_START.toNanos());
    List<Callable<Answer>> copies = new ArrayList<>();
    for (int i = 0; i < COPIES; i++) {
      copies.add(request::get);
    }
    copies.add(otherBody::get);
    List<Answer> answers = new ArrayList<>(Workers.together(copies, ctx.metrics()));
    answers.removeLast(); // the odd body's answer says nothing about the outcome
    Answer firstAnswer;
    try {
      firstAnswer = first.get();
    } catch (ExecutionException e) {
      ctx.metrics().problem("first request of a storm failed in the lab: " + e.getCause());
      firstAnswer = null;
    }
    answers.addFirst(firstAnswer);
    answers.add(request.get());
    return answers.stream()
        .filter(a -> a != null && a.ok() && a.id() != null)
        .findFirst()
        .orElse(firstAnswer);
  }

  private static String describe(Answer a) {
    return a == null ? "nothing" : a.status() + (a.errorCode() == null ? "" : " " + a.errorCode());
  }
}
