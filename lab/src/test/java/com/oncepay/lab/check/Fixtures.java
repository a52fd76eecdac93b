package com.oncepay.lab.check;

import com.oncepay.lab.check.Observations.PayAnswer;
import com.oncepay.lab.check.Observations.PlaceAnswer;
import com.oncepay.lab.check.Observations.RawAnswer;
import com.oncepay.lab.check.Observations.RefundAnswer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-made runs for the checker: {@link #cleanRun()} is a small, correct story (one cart, one
 * order, a captured payment with one partial refund, a gateway that agrees) that each test bends in
 * exactly one place.
 */
final class Fixtures {

  static final String CART = "cart-1";
  static final String ORDER = "ord_1";
  static final String PAYMENT = "pay_1";
  static final String CHARGE = "ch_1";
  static final String REFUND = "re_1";

  private Fixtures() {}

  static PaymentSnapshot payment(
      String id, String order, String status, long captured, long refunded, long version) {
    return new PaymentSnapshot(
        id,
        order,
        status,
        1_000,
        "EUR",
        1_000,
        captured,
        refunded,
        0,
        "pm_ok",
        "automatic",
        null,
        "ch_" + id.substring(4),
        version,
        "test");
  }

  static OrderSnapshot order(String id, String cart, String status, PaymentSnapshot... payments) {
    return new OrderSnapshot(id, cart, 1_000, "EUR", status, 3, List.of(payments));
  }

  static LedgerCharge charge(
      String id,
      String reference,
      String order,
      String status,
      long captured,
      long refunded,
      LedgerCharge.Refund... refunds) {
    return new LedgerCharge(
        id,
        reference,
        order,
        1_000,
        "EUR",
        "pm_ok",
        status,
        captured,
        refunded,
        "key-" + id,
        List.of(refunds));
  }

  static RawAnswer raw(
      String key, String requestDigest, int status, String body, boolean replayed) {
    return new RawAnswer(
        "POST", "/v1/orders", key, requestDigest, status, null, "sha-" + body, body, replayed);
  }

  static RawAnswer error(String key, String requestDigest, int status, String code) {
    return new RawAnswer(
        "POST", "/v1/orders", key, requestDigest, status, code, "sha-" + code, code, false);
  }

  /** A mutable final state to bend. */
  static final class Final {
    final Map<String, OrderSnapshot> orders = new HashMap<>();
    final Map<String, PaymentSnapshot> payments = new HashMap<>();
    final Map<String, List<RefundSnapshot>> refunds = new HashMap<>();
    List<LedgerCharge> ledger = new ArrayList<>();
    final List<String> missing = new ArrayList<>();

    FinalState build() {
      return new FinalState(orders, payments, refunds, ledger, missing);
    }

    void put(PaymentSnapshot p, String orderStatus) {
      payments.put(p.id(), p);
      orders.put(p.orderId(), order(p.orderId(), CART, orderStatus, p));
    }
  }

  static Observations cleanObservations() {
    Observations obs = new Observations();
    obs.placed(new PlaceAnswer(CART, "k-place-1", 201, ORDER, false));
    obs.placed(new PlaceAnswer(CART, "k-place-1", 201, ORDER, true));
    obs.placed(new PlaceAnswer(CART, "k-place-2", 200, ORDER, false));
    obs.raw(raw("k-place-1", "req-a", 201, "{order}", false));
    obs.raw(raw("k-place-1", "req-a", 201, "{order}", true));
    obs.raw(error("k-place-1", "req-a", 409, "idempotency_key_in_use"));
    obs.raw(error("k-place-1", "req-b", 422, "idempotency_key_reused"));
    PaymentSnapshot authorizedThenCaptured = payment(PAYMENT, ORDER, "captured", 1_000, 0, 2);
    obs.saw(authorizedThenCaptured);
    obs.paid(new PayAnswer(ORDER, "k-pay", 201, PAYMENT, "captured", false));
    obs.refunded(
        new RefundAnswer(
            PAYMENT, "k-refund", new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"), false));
    obs.saw(payment(PAYMENT, ORDER, "partially_refunded", 1_000, 300, 3));
    return obs;
  }

  static Final cleanFinal() {
    Final f = new Final();
    f.put(payment(PAYMENT, ORDER, "partially_refunded", 1_000, 300, 3), "partially_refunded");
    f.refunds.put(PAYMENT, List.of(new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded")));
    f.ledger.add(
        charge(
            CHARGE,
            PAYMENT,
            ORDER,
            "partially_refunded",
            1_000,
            300,
            new LedgerCharge.Refund("gre_1", 300, "k")));
    return f;
  }
}
