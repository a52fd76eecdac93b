package com.oncepay.lab.scenario;

import com.oncepay.client.OncepayException;
import com.oncepay.client.Order;
import com.oncepay.client.PayRequest;
import com.oncepay.client.PlaceOrderRequest;
import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.Workers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measurement, not a race: {@code concurrency} clients, each placing an order and paying it
 * ({@code pm_ok}, automatic capture) and starting the next checkout as soon as the last one
 * answered. Closed model on purpose: it answers "what latency does a place-order or a pay see when
 * N shops call at once", and how many checkouts per second that sustains.
 */
final class CheckoutLoop implements Scenario {

  @Override
  public String name() {
    return "checkout-loop";
  }

  @Override
  public String description() {
    return "Closed-loop measurement: each of the concurrent clients places an order and pays it"
        + " (pm_ok, automatic capture), then starts the next checkout at once. Latency of"
        + " place_order and pay at that many clients, and the throughput it sustains.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public int defaultConcurrency() {
    return 32;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(30));
  }

  @Override
  public void run(ScenarioContext ctx) {
    AtomicLong next = new AtomicLong();
    Workers.loop(
        ctx.settings().concurrency(),
        ctx::budgetSpent,
        ctx.metrics(),
        client -> {
          checkout(ctx, next.getAndIncrement());
          return true;
        });
  }

  private static void checkout(ScenarioContext ctx, long n) {
    long amount = 500 + ctx.random(n).nextLong(19_500);
    try {
      Order order =
          ctx.shop()
              .placeOrder(
                  new PlaceOrderRequest(ctx.cartId("cl", n), amount, ScenarioContext.CURRENCY),
                  ctx.key("cl-place", n),
                  System.nanoTime());
      ctx.shop()
          .pay(order.id(), PayRequest.automatic("pm_ok"), ctx.key("cl-pay", n), System.nanoTime());
    } catch (OncepayException e) {
      ctx.metrics().problem("checkout " + n + ": " + e.getMessage());
    }
  }
}
