package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Api.Answer;
import com.oncepay.lab.load.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Per cart, {@value #CLICKS} place-order requests released at the same instant — half under one key
 * (a browser resubmitting the same form), half under keys of their own (a second tab, a
 * double-tapped button that builds a fresh request) — then {@value #CLICKS} pay requests on the
 * resulting order the same way. One order per cart and one charge per order must come out.
 */
final class DoubleClick implements Scenario {

  static final int CLICKS = 8;

  @Override
  public String name() {
    return "double-click";
  }

  @Override
  public String description() {
    return "Per cart, "
        + CLICKS
        + " concurrent place-order requests (half with one key, half with their own), then "
        + CLICKS
        + " concurrent pays on the order the same way. Reproduces the customer who double-clicks"
        + " \"Place order\" and \"Pay\", or has the checkout open in two tabs.";
  }

  @Override
  public int defaultOrders() {
    return 40;
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    return (long) settings.orders() * CLICKS * 2;
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    int parallelCarts = Math.max(1, ctx.settings().concurrency() / CLICKS);
    Workers.forEach(
        ctx.settings().orders(),
        parallelCarts,
        ctx::budgetSpent,
        ctx.metrics(),
        cart -> cart(ctx, cart));
  }

  private static void cart(ScenarioContext ctx, int n) throws InterruptedException {
    SplittableRandom random = ctx.random(n);
    String cartId = ctx.cartId("dc", n);
    long amount = 1_000 + random.nextLong(49_000);
    String sharedPlaceKey = ctx.key("dc-place", n);
    List<Callable<Answer>> places = new ArrayList<>();
    for (int click = 0; click < CLICKS; click++) {
      String key = click < CLICKS / 2 ? sharedPlaceKey : ctx.key("dc-place", n, click);
      places.add(() -> ctx.api().placeOrder(cartId, amount, ScenarioContext.CURRENCY, key));
    }
    List<Answer> placed = Workers.together(places, ctx.metrics());
    String orderId =
        placed.stream()
            .filter(a -> a != null && a.ok() && a.id() != null)
            .map(Answer::id)
            .findFirst()
            .orElse(null);
    if (orderId == null) {
      ctx.metrics()
          .problem("cart " + cartId + ": no place-order request succeeded: " + statuses(placed));
      return;
    }
    String capture = random.nextInt(4) == 0 ? "manual" : "automatic";
    String sharedPayKey = ctx.key("dc-pay", n);
    List<Callable<Answer>> pays = new ArrayList<>();
    for (int click = 0; click < CLICKS; click++) {
      String key = click < CLICKS / 2 ? sharedPayKey : ctx.key("dc-pay", n, click);
      pays.add(() -> ctx.api().pay(orderId, "pm_ok", capture, false, key));
    }
    Workers.together(pays, ctx.metrics());
  }

  static String statuses(List<Answer> answers) {
    return answers.stream()
        .map(
            a ->
                a == null
                    ? "lab error"
                    : a.status() + (a.errorCode() == null ? "" : " " + a.errorCode()))
        .collect(Collectors.joining(", "));
  }
}
