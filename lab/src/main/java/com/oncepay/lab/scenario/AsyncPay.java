package com.oncepay.lab.scenario;

import com.oncepay.client.OncepayException;
import com.oncepay.client.Order;
import com.oncepay.client.PayRequest;
import com.oncepay.client.Payment;
import com.oncepay.client.PlaceOrderRequest;
import com.oncepay.lab.load.Budget;
import java.time.Duration;

/**
 * A measurement of the queue: asynchronous payments at {@code --rate} per second (open model), each
 * an order placed and then paid with {@code "async": true} ({@code pm_ok}, automatic capture),
 * answered 202 and settled by a worker. The lab's side shows how fast the 202 comes; the server's
 * {@code oncepay.queue.to_gateway} timer, read from {@code /actuator/prometheus} into the report,
 * shows how long a queued payment waits for its gateway call; the settle wait shows whether the
 * workers kept up.
 */
final class AsyncPay implements Scenario {

  @Override
  public String name() {
    return "async-pay";
  }

  @Override
  public String description() {
    return "Queue measurement: async payments at the target rate (place, then pay pm_ok with"
        + " async: true, answered 202 and settled by a worker). Server-side queue-to-gateway"
        + " latency comes from the service's metrics.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public int defaultConcurrency() {
    return 256;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(60));
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    Duration duration = settings.budget().duration();
    if (settings.budget().requests() != null) {
      return settings.budget().requests();
    }
    return duration == null ? -1 : Math.round(settings.rate() * duration.toMillis() / 1000.0 * 2);
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    OpenModel.run(ctx, (n, due) -> payment(ctx, n, due));
  }

  private static void payment(ScenarioContext ctx, long n, long due) {
    long amount = 500 + ctx.random(n).nextLong(19_500);
    try {
      Order order =
          ctx.shop()
              .placeOrder(
                  new PlaceOrderRequest(ctx.cartId("ap", n), amount, ScenarioContext.CURRENCY),
                  ctx.key("ap-place", n),
                  due);
      Payment accepted =
          ctx.shop()
              .pay(
                  order.id(),
                  new PayRequest("pm_ok", "automatic", true),
                  ctx.key("ap-pay", n),
                  System.nanoTime());
      if (!"processing".equals(accepted.status()) && !"captured".equals(accepted.status())) {
        ctx.metrics().problem("payment " + accepted.id() + " answered " + accepted.status());
      }
    } catch (OncepayException e) {
      ctx.metrics().problem("async payment " + n + ": " + e.getMessage());
    }
  }
}
