package com.oncepay.lab.scenario;

import com.oncepay.client.OncepayException;
import com.oncepay.client.Order;
import com.oncepay.client.PayRequest;
import com.oncepay.client.PlaceOrderRequest;
import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.ScenarioMetrics;
import com.oncepay.lab.load.Workers;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two halves of a pay-only measurement: orders placed first, unmeasured ({@link #place}), then
 * {@code concurrency} closed-loop clients that each take the next placed order, pay it, and take
 * the next at once ({@link #payAll}).
 */
final class PrePlacedOrders {

  /**
   * At most this many clients place the orders: placing is not what is measured, and 400 clients
   * queueing for a 20-connection pool would only make the preparation slower.
   */
  static final int PLACING_CLIENTS = 64;

  /** One placed order; {@code n} numbers its pay's key. */
  record Placed(long n, String id) {}

  /**
   * How many orders to place: {@code orders} of them, or as many as fit in {@code placeFor}.
   *
   * @param orders null to place for a time instead
   * @param placeFor null to place a count instead
   */
  record Sizing(Long orders, Duration placeFor) {

    /**
     * Orders enough for the budget. {@code --requests R}: R, since every pay is at least one
     * request. {@code --duration D} with a known floor L on a pay's latency: each of C clients
     * starts a pay at most every L while the budget lasts, so C × ⌈D / L⌉ is an upper bound, not a
     * guess. Without a floor: place for D with the same clients (at most {@value #PLACING_CLIENTS})
     * — a place costs less than a pay (3 statements and 1 commit against 9 and 2, and no gateway
     * call), so the orders outlast the budget; when they do not, the measured phase ends early and
     * says so. (Error answers faster than the floor break the bound the same way, and are said the
     * same way.)
     *
     * @param payLatencyFloor the least a pay can take, or null when there is none to rely on
     */
    static Sizing forBudget(Budget budget, int clients, Duration payLatencyFloor) {
      if (budget.requests() != null) {
        return new Sizing(budget.requests(), null);
      }
      Duration duration = budget.duration();
      if (duration == null) {
        throw new IllegalArgumentException("a pay-only loop needs a budget: requests or duration");
      }
      if (payLatencyFloor == null) {
        return new Sizing(null, duration);
      }
      long perClient = -Math.floorDiv(-duration.toNanos(), payLatencyFloor.toNanos());
      return new Sizing(clients * perClient, null);
    }
  }

  private PrePlacedOrders() {}

  /** Places the orders of {@code sizing} (EUR 5–200, repeatable from the seed) on {@code ctx}. */
  static Queue<Placed> place(ScenarioContext ctx, String tag, Sizing sizing) {
    Queue<Placed> placed = new ConcurrentLinkedQueue<>();
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    Workers.loop(
        Math.min(ctx.settings().concurrency(), PLACING_CLIENTS),
        () ->
            sizing.placeFor() != null && System.nanoTime() - started >= sizing.placeFor().toNanos(),
        ctx.metrics(),
        client -> {
          long n = next.getAndIncrement();
          if (sizing.orders() != null && n >= sizing.orders()) {
            return false;
          }
          long amount = 500 + ctx.random(n).nextLong(19_500);
          try {
            Order order =
                ctx.shop()
                    .placeOrder(
                        new PlaceOrderRequest(ctx.cartId(tag, n), amount, ScenarioContext.CURRENCY),
                        ctx.key(tag + "-place", n),
                        System.nanoTime());
            placed.add(new Placed(n, order.id()));
          } catch (OncepayException e) {
            ctx.metrics().problem("placing order " + n + ": " + e.getMessage());
          }
          return true;
        });
    return placed;
  }

  /**
   * Pays the placed orders with {@code method} (automatic capture), each client taking the next as
   * soon as its last pay answered, until the budget is spent or the orders run out.
   */
  static void payAll(ScenarioContext ctx, Queue<Placed> orders, String tag, String method) {
    AtomicLong ranOutAtNanos = new AtomicLong(-1);
    Workers.loop(
        ctx.settings().concurrency(),
        ctx::budgetSpent,
        ctx.metrics(),
        client -> {
          Placed order = orders.poll();
          if (order == null) {
            if (!ctx.budgetSpent()) {
              ranOutAtNanos.compareAndSet(-1, System.nanoTime() - ctx.startNanos());
            }
            return false;
          }
          long start = System.nanoTime();
          try {
            ctx.shop()
                .pay(
                    order.id(),
                    PayRequest.automatic(method),
                    ctx.key(tag + "-pay", order.n()),
                    start);
            ctx.metrics().recordFlow(ScenarioMetrics.PAID, System.nanoTime() - start);
          } catch (OncepayException e) {
            ctx.metrics().problem("paying order " + order.id() + ": " + e.getMessage());
          }
          return true;
        });
    if (ranOutAtNanos.get() >= 0) {
      ctx.metrics()
          .problem(
              String.format(
                  java.util.Locale.ROOT,
                  "the placed orders ran out %.1f s into the measured phase, before its budget:"
                      + " the figures cover the time until the last pay answered",
                  ranOutAtNanos.get() / 1e9));
    }
  }
}
