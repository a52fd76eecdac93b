package com.oncepay.lab.load;

import com.oncepay.client.OncepayApiException;
import com.oncepay.client.OncepayException;
import com.oncepay.client.Order;
import com.oncepay.client.PayRequest;
import com.oncepay.client.Payment;
import com.oncepay.client.PlaceOrderRequest;
import com.oncepay.client.Refund;
import com.oncepay.lab.check.Observations;
import com.oncepay.lab.check.Observations.CaptureAnswer;
import com.oncepay.lab.check.Observations.PayAnswer;
import com.oncepay.lab.check.Observations.PlaceAnswer;
import com.oncepay.lab.check.Observations.RefundAnswer;
import com.oncepay.lab.check.PaymentSnapshot;
import com.oncepay.lab.check.RefundSnapshot;
import java.util.function.Supplier;

/**
 * A well-behaved shop: the client's typed calls with safe retries (stable keys, backoff on busy
 * answers). Each call's latency runs from {@code startNanos}, which the caller sets to when the
 * call <em>should</em> have started: a scenario with a target rate passes its schedule, so time
 * spent waiting behind a slow server counts (no coordinated omission).
 */
public final class Shop {

  private final Driver driver;
  private final Observations obs;

  public Shop(Driver driver, Observations obs) {
    this.driver = driver;
    this.obs = obs;
  }

  public Order placeOrder(PlaceOrderRequest request, String key, long startNanos) {
    obs.cart(request.cartId());
    Order order =
        timed("place_order", null, startNanos, () -> driver.shop().placeOrder(request, key));
    obs.placed(new PlaceAnswer(request.cartId(), key, 0, order.id(), false));
    order.payments().forEach(p -> obs.saw(snapshot(p, "GET order")));
    return order;
  }

  public Payment pay(String orderId, PayRequest request, String key, long startNanos) {
    obs.order(orderId);
    Payment p = timed("pay", orderId, startNanos, () -> driver.shop().pay(orderId, request, key));
    obs.saw(snapshot(p, "shop pay"));
    obs.paid(new PayAnswer(orderId, key, 0, p.id(), p.status(), false));
    return p;
  }

  public Payment capture(String paymentId, Long amount, String key, long startNanos) {
    obs.payment(paymentId);
    Payment p =
        timed(
            "capture", paymentId, startNanos, () -> driver.shop().capture(paymentId, amount, key));
    PaymentSnapshot after = snapshot(p, "shop capture");
    if (after.settled()) {
      obs.captured(new CaptureAnswer(paymentId, key, amount, after, false));
    } else {
      obs.saw(after);
    }
    return p;
  }

  public Refund refund(String paymentId, Long amount, String key, long startNanos) {
    obs.refundAttempted(paymentId);
    Refund r =
        timed("refund", paymentId, startNanos, () -> driver.shop().refund(paymentId, amount, key));
    obs.refunded(
        new RefundAnswer(
            paymentId, key, new RefundSnapshot(r.id(), paymentId, r.amount(), r.status()), false));
    return r;
  }

  public Order getOrder(String orderId, long startNanos) {
    Order order = timed("get_order", null, startNanos, () -> driver.shop().getOrder(orderId));
    order.payments().forEach(p -> obs.saw(snapshot(p, "shop GET order")));
    return order;
  }

  /**
   * @param target the order or payment the call acts on (for the chaos scenario's recovery times),
   *     or null
   */
  public Payment getPayment(String paymentId, long startNanos) {
    Payment p = timed("get_payment", null, startNanos, () -> driver.shop().getPayment(paymentId));
    obs.saw(snapshot(p, "shop GET payment"));
    return p;
  }

  private <T> T timed(String operation, String target, long startNanos, Supplier<T> call) {
    InFlightCalls inFlight = driver.metrics().inFlight();
    long id = inFlight.begin(operation, target);
    InFlightCalls.Outcome outcome = InFlightCalls.Outcome.GAVE_UP;
    try {
      T result = call.get();
      outcome = InFlightCalls.Outcome.DEFINITE;
      return result;
    } catch (OncepayApiException e) {
      if (!e.retryable()) {
        outcome = InFlightCalls.Outcome.DEFINITE;
      }
      driver.metrics().countError(e.status(), e.code());
      throw e;
    } catch (OncepayException e) {
      driver.metrics().countError(e.status(), e.code());
      throw e;
    } finally {
      inFlight.end(id, outcome);
      driver.metrics().recordLatency(operation, System.nanoTime() - startNanos);
    }
  }

  static PaymentSnapshot snapshot(Payment p, String seenIn) {
    return new PaymentSnapshot(
        p.id(),
        p.orderId(),
        p.status(),
        p.amount(),
        p.currency(),
        p.amountAuthorized(),
        p.amountCaptured(),
        p.amountRefunded(),
        p.amountRefundPending(),
        p.paymentMethod(),
        p.captureMethod(),
        p.pendingOperation(),
        p.gatewayChargeId(),
        p.version(),
        seenIn + " → " + p.status());
  }
}
