package com.oncepay.lab.scenario;

import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.load.Api.Answer;
import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * Hundreds of workers hammer a handful of orders with pay, capture, void and refund calls at once,
 * with amounts chosen so that the limits are under constant pressure: captures of 40–110 % of the
 * authorization, and refunds that add up to many times what was captured. Each order follows a plan
 * (refund pressure after an automatic capture, capture pressure on a manual one, or a capture
 * racing a void), and about one call in ten re-sends an earlier refund under its key.
 */
final class SameOrderHammer implements Scenario {

  static final long ORDER_AMOUNT = 10_000;

  private enum Plan {
    /** Automatic capture, then refunds racing each other. */
    REFUNDS("automatic"),
    /** Manual capture: partial and over-sized captures racing, then refunds. */
    CAPTURES("manual"),
    /** Manual capture: captures racing voids; exactly one kind may win. */
    CAPTURE_OR_VOID("manual");

    final String capture;

    Plan(String capture) {
      this.capture = capture;
    }
  }

  private static final Plan[] PLANS = {
    Plan.REFUNDS, Plan.CAPTURES, Plan.REFUNDS, Plan.CAPTURES, Plan.CAPTURE_OR_VOID
  };

  /** A hot order and what the workers know about it (kept loosely: the race is the point). */
  private static final class Target {
    final int index;
    final String orderId;
    final Plan plan;
    final String sharedPayKey;
    final AtomicInteger keys = new AtomicInteger();
    final ConcurrentLinkedDeque<long[]> refundsSent = new ConcurrentLinkedDeque<>();
    volatile String paymentId;
    volatile String status = "none";
    volatile long version = -1;

    Target(int index, String orderId, Plan plan, String sharedPayKey) {
      this.index = index;
      this.orderId = orderId;
      this.plan = plan;
      this.sharedPayKey = sharedPayKey;
    }

    synchronized void learn(JsonNode payment) {
      long v = ApiJson.number(payment, "version");
      if (v >= version) {
        version = v;
        status = String.valueOf(ApiJson.text(payment, "status"));
        paymentId = ApiJson.text(payment, "id");
      }
    }
  }

  @Override
  public String name() {
    return "same-order-hammer";
  }

  @Override
  public String description() {
    return "Many concurrent workers send pay, capture, void and refund calls to a handful of orders,"
        + " with amounts that keep the capture and refund limits under pressure. Reproduces two app"
        + " instances, a retrying worker and a support agent acting on the same order at once, and"
        + " the hot-key traffic of a flash sale.";
  }

  @Override
  public int defaultOrders() {
    return 5;
  }

  @Override
  public int defaultConcurrency() {
    return 200;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(2_000L, null);
  }

  @Override
  public long plannedRequests(ScenarioSettings settings) {
    Long requests = settings.budget().requests();
    return requests == null ? -1 : requests + settings.orders();
  }

  @Override
  public void run(ScenarioContext ctx) throws InterruptedException {
    List<Target> targets = new ArrayList<>();
    for (int i = 0; i < ctx.settings().orders(); i++) {
      String cartId = ctx.cartId("hm", i);
      Answer placed =
          ctx.api()
              .placeOrder(cartId, ORDER_AMOUNT, ScenarioContext.CURRENCY, ctx.key("hm-place", i));
      if (!placed.ok()) {
        ctx.metrics().problem("cart " + cartId + ": place order answered " + placed.status());
        continue;
      }
      targets.add(new Target(i, placed.id(), PLANS[i % PLANS.length], ctx.key("hm-pay-shared", i)));
    }
    if (targets.isEmpty()) {
      return;
    }
    Long limit = ctx.settings().budget().requests();
    Budget timeOnly = new Budget(null, ctx.settings().budget().duration());
    AtomicLong tickets = new AtomicLong();
    SplittableRandom[] randoms = new SplittableRandom[ctx.settings().concurrency()];
    for (int w = 0; w < randoms.length; w++) {
      randoms[w] = ctx.random(w);
    }
    Workers.loop(
        ctx.settings().concurrency(),
        () -> timeOnly.spent(ctx.metrics(), ctx.startNanos()),
        ctx.metrics(),
        worker -> {
          // Tickets make the request count exact: each call takes one before it is sent.
          if (limit != null && tickets.incrementAndGet() > limit) {
            return false;
          }
          SplittableRandom random = randoms[worker];
          hit(ctx, targets.get(random.nextInt(targets.size())), random);
          return true;
        });
  }

  private static void hit(ScenarioContext ctx, Target t, SplittableRandom random) {
    String paymentId = t.paymentId;
    if (paymentId == null) {
      pay(ctx, t, random);
      return;
    }
    int roll = random.nextInt(100);
    switch (t.status) {
      case "authorized" -> {
        if (t.plan == Plan.CAPTURE_OR_VOID) {
          if (roll < 50) {
            capture(ctx, t, paymentId, random);
          } else if (roll < 90) {
            learn(t, ctx.api().voidPayment(paymentId, key(ctx, t, "void")));
          } else {
            pay(ctx, t, random);
          }
        } else if (roll < 85) {
          capture(ctx, t, paymentId, random);
        } else if (roll < 95) {
          pay(ctx, t, random);
        } else {
          learn(t, ctx.api().getPayment(paymentId));
        }
      }
      case "captured", "partially_refunded" -> {
        if (roll < 75) {
          refund(ctx, t, paymentId, random);
        } else if (roll < 85) {
          resendRefund(ctx, t, paymentId, random);
        } else if (roll < 92) {
          capture(ctx, t, paymentId, random);
        } else {
          learn(t, ctx.api().getPayment(paymentId));
        }
      }
      case "refunded", "voided", "failed" -> {
        if (roll < 50) {
          refund(ctx, t, paymentId, random);
        } else if (roll < 75) {
          capture(ctx, t, paymentId, random);
        } else {
          learn(t, ctx.api().getPayment(paymentId));
        }
      }
      default -> learn(t, ctx.api().getPayment(paymentId));
    }
  }

  private static void pay(ScenarioContext ctx, Target t, SplittableRandom random) {
    // Half the pays share one key per order (replays), half bring their own (races).
    String key = random.nextBoolean() ? t.sharedPayKey : key(ctx, t, "pay");
    Answer a = ctx.api().pay(t.orderId, "pm_ok", t.plan.capture, false, key);
    if (a.ok()) {
      learn(t, a);
    } else if (a.is(409, "order_already_paid") && t.paymentId == null) {
      Answer order = ctx.api().getOrder(t.orderId);
      JsonNode payments = order.json() == null ? null : order.json().get("payments");
      if (payments != null) {
        for (JsonNode p : payments) {
          if (!"failed".equals(ApiJson.text(p, "status"))) {
            t.learn(p);
          }
        }
      }
    }
  }

  private static void capture(
      ScenarioContext ctx, Target t, String paymentId, SplittableRandom random) {
    // 40–110 % of the authorization: some captures are partial, some must be refused (422).
    Long amount = random.nextInt(10) == 0 ? null : ORDER_AMOUNT * (40 + random.nextInt(71)) / 100;
    learn(t, ctx.api().capture(paymentId, amount, key(ctx, t, "capture")));
  }

  private static void refund(
      ScenarioContext ctx, Target t, String paymentId, SplittableRandom random) {
    // 1–8 % of the order per refund; now and then "the rest", racing the partial ones.
    Long amount = random.nextInt(33) == 0 ? null : 100 + random.nextLong(701);
    int seq = t.keys.incrementAndGet();
    String key = ctx.key("hm-refund", t.index, seq);
    ctx.api().refund(paymentId, amount, key);
    if (t.refundsSent.size() < 64) {
      t.refundsSent.add(new long[] {seq, amount == null ? -1 : amount});
    }
  }

  /** The same refund again, same key and body: must replay the first answer byte for byte. */
  private static void resendRefund(
      ScenarioContext ctx, Target t, String paymentId, SplittableRandom random) {
    List<long[]> sent = new ArrayList<>(t.refundsSent);
    if (sent.isEmpty()) {
      refund(ctx, t, paymentId, random);
      return;
    }
    long[] earlier = sent.get(random.nextInt(sent.size()));
    ctx.api()
        .refund(
            paymentId,
            earlier[1] < 0 ? null : earlier[1],
            ctx.key("hm-refund", t.index, earlier[0]));
  }

  private static void learn(Target t, Answer a) {
    if (a.ok() && a.json() != null && "payment".equals(ApiJson.text(a.json(), "object"))) {
      t.learn(a.json());
    }
  }

  private static String key(ScenarioContext ctx, Target t, String what) {
    return ctx.key("hm-" + what, t.index, t.keys.incrementAndGet());
  }
}
