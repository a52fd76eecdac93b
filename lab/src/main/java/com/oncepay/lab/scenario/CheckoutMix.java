package com.oncepay.lab.scenario;

import com.oncepay.client.OncepayApiException;
import com.oncepay.client.OncepayException;
import com.oncepay.client.Order;
import com.oncepay.client.PayRequest;
import com.oncepay.client.Payment;
import com.oncepay.client.PlaceOrderRequest;
import com.oncepay.lab.load.Budget;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Steady, realistic checkout traffic at a target rate, through the well-behaved typed client:
 * place, then pay (mostly {@code pm_ok}; some declined and retried with another card; some
 * manual-capture then captured; some refunded in part), now and then a look at the order.
 *
 * <p>Open model ({@link OpenModel}): checkouts start at the target rate, each timed from when it
 * was due, at most {@code concurrency} in flight.
 */
final class CheckoutMix implements Scenario {

  @Override
  public String name() {
    return "checkout-mix";
  }

  @Override
  public String description() {
    return "Steady checkout traffic at a target rate through the retrying client: place then pay"
        + " (65% pm_ok, 10% declined then paid with another card, 15% manual capture then"
        + " captured, 10% partly refunded), 20% also read the order. The baseline for throughput"
        + " and latency, corrected for coordinated omission.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(60));
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    Budget budget = settings.budget();
    if (budget.requests() != null) {
      return budget.requests();
    }
    return budget.duration() == null
        ? -1
        : Math.round(settings.rate() * budget.duration().toMillis() / 1000.0 * 2.6);
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    OpenModel.run(ctx, (n, due) -> checkout(ctx, n, due));
  }

  /** One checkout of the mix, due at {@code due}; the chaos scenario runs the same. */
  static void checkout(ScenarioContext ctx, long n, long due) {
    SplittableRandom random = ctx.random(n);
    var shop = ctx.shop();
    String cartId = ctx.cartId("cm", n);
    long amount = 500 + random.nextLong(19_500);
    int roll = random.nextInt(100);
    try {
      Order order =
          shop.placeOrder(
              new PlaceOrderRequest(cartId, amount, ScenarioContext.CURRENCY),
              ctx.key("cm-place", n),
              due);
      String orderId = order.id();
      if (roll < 10) {
        try {
          Payment p =
              definite(
                  ctx,
                  shop.pay(
                      orderId,
                      PayRequest.automatic("pm_declined"),
                      ctx.key("cm-pay", n, 1),
                      now()));
          if (!p.status().equals("failed")) {
            ctx.metrics().problem("checkout " + n + ": pm_declined was not declined");
          }
        } catch (OncepayApiException e) {
          if (!"card_declined".equals(e.code())) {
            throw e;
          }
        }
        shop.pay(orderId, PayRequest.automatic("pm_ok"), ctx.key("cm-pay", n, 2), now());
      } else if (roll < 25) {
        Payment p =
            definite(
                ctx, shop.pay(orderId, PayRequest.manual("pm_ok"), ctx.key("cm-pay", n), now()));
        Long part = random.nextBoolean() ? null : amount * (80 + random.nextInt(21)) / 100;
        shop.capture(p.id(), part, ctx.key("cm-capture", n), now());
      } else if (roll < 35) {
        Payment p =
            definite(
                ctx, shop.pay(orderId, PayRequest.automatic("pm_ok"), ctx.key("cm-pay", n), now()));
        int refunds = 1 + random.nextInt(2);
        for (int r = 0; r < refunds; r++) {
          shop.refund(p.id(), amount / 4, ctx.key("cm-refund", n, r), now());
        }
      } else {
        shop.pay(orderId, PayRequest.automatic("pm_ok"), ctx.key("cm-pay", n), now());
      }
      if (random.nextInt(5) == 0) {
        shop.getOrder(orderId, now());
      }
    } catch (OncepayException e) {
      ctx.metrics().problem("checkout " + n + ": " + e.getMessage());
    } finally {
      ctx.metrics().recordFlow("checkout (end to end)", System.nanoTime() - due);
    }
  }

  /**
   * The payment once it is definite: a pay answered while the gateway was away may be {@code
   * processing} or {@code unknown} (a real outcome, resolved by the server), and a shop captures or
   * refunds only after it knows. Polls the payment every 200 ms, at most the settle timeout.
   */
  static Payment definite(ScenarioContext ctx, Payment p) {
    long deadline = System.nanoTime() + ctx.settings().settleTimeout().toNanos();
    Payment current = p;
    while (!definite(current) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      current = ctx.shop().getPayment(current.id(), now());
    }
    return current;
  }

  private static boolean definite(Payment p) {
    return !p.status().equals("processing")
        && !p.status().equals("unknown")
        && p.pendingOperation() == null;
  }

  private static long now() {
    return System.nanoTime();
  }
}
