package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Api.Answer;
import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A measurement of the flash-sale case: one order, and {@code concurrency} pay requests with keys
 * of their own released at the same instant. Exactly one may charge; every other must hear a
 * definite refusal ({@code order_busy} while the winner runs, {@code order_already_paid} after it),
 * never a 5xx. The figure is how long the losers wait for that answer (the pay latency's p99).
 */
final class HotOrder implements Scenario {

  @Override
  public String name() {
    return "hot-order";
  }

  @Override
  public String description() {
    return "Measurement of one hot order: as many pay requests as the concurrency, each under a key"
        + " of its own, released at once on one order (pm_ok, automatic capture). Exactly one"
        + " charges; the others must be refused with a 409, never a 5xx.";
  }

  @Override
  public int defaultOrders() {
    return 1;
  }

  @Override
  public int defaultConcurrency() {
    return 2_000;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(60));
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    return (long) settings.orders() * (settings.concurrency() + 1);
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    for (int n = 0; n < ctx.settings().orders() && !ctx.budgetSpent(); n++) {
      order(ctx, n);
    }
  }

  private static void order(ScenarioContext ctx, int n) throws InterruptedException {
    Answer placed =
        ctx.api()
            .placeOrder(ctx.cartId("ho", n), 10_000, ScenarioContext.CURRENCY, ctx.key("ho", n));
    if (!placed.ok()) {
      ctx.metrics().problem("hot order " + n + ": place order answered " + placed.status());
      return;
    }
    List<Callable<Answer>> pays = new ArrayList<>();
    for (int i = 0; i < ctx.settings().concurrency(); i++) {
      String key = ctx.key("ho-pay", n, i);
      pays.add(() -> ctx.api().pay(placed.id(), "pm_ok", "automatic", false, key));
    }
    int charged = 0;
    for (Answer a : Workers.together(pays, ctx.metrics())) {
      if (a == null) {
        continue;
      }
      if (a.ok()) {
        charged++;
      } else if (!a.is(409, "order_busy") && !a.is(409, "order_already_paid")) {
        // A 5xx included: a loser must hear a definite no.
        ctx.metrics()
            .problem("hot order " + n + ": a pay answered " + a.status() + " " + a.errorCode());
      }
    }
    if (charged != 1) {
      ctx.metrics().problem("hot order " + n + ": " + charged + " pays succeeded, not exactly one");
    }
  }
}
