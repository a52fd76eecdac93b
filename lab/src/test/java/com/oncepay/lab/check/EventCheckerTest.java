package com.oncepay.lab.check;

import static com.oncepay.lab.check.Fixtures.ORDER;
import static com.oncepay.lab.check.Fixtures.PAYMENT;
import static com.oncepay.lab.check.Fixtures.REFUND;
import static com.oncepay.lab.check.Fixtures.cleanFinal;
import static com.oncepay.lab.check.Fixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule of invariant 6 on {@link Fixtures#cleanFinal()} (an order paid, its payment captured
 * and partially refunded once) with the webhooks a correct server sends for it, bent in one place.
 */
class EventCheckerTest {

  private static EventDelivery delivery(String id, String type, String object, String status) {
    String body =
        "{\"id\":\""
            + id
            + "\",\"type\":\""
            + type
            + "\",\"data\":{\"object\":{\"id\":\""
            + object
            + "\",\"status\":\""
            + status
            + "\"}}}";
    return new EventDelivery(
        id, type, object, status, body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
  }

  /** What a correct server delivers for the clean run, one event redelivered. */
  private static List<EventDelivery> cleanDeliveries() {
    List<EventDelivery> d = new ArrayList<>();
    d.add(delivery("evt_created", "order.created", ORDER, "pending_payment"));
    d.add(delivery("evt_captured", "payment.captured", PAYMENT, "captured"));
    d.add(delivery("evt_paid", "order.paid", ORDER, "paid"));
    d.add(delivery("evt_paid", "order.paid", ORDER, "paid"));
    d.add(delivery("evt_refunded", "payment.refunded", REFUND, "succeeded"));
    return d;
  }

  private static List<Anomaly> check(List<EventDelivery> deliveries, Fixtures.Final fin) {
    return EventChecker.check(deliveries, fin.build()).anomalies();
  }

  private static List<AnomalyCategory> categories(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::category).distinct().toList();
  }

  @Test
  void aCorrectRunHoldsAndIsCounted() {
    EventChecker.Result result = EventChecker.check(cleanDeliveries(), cleanFinal().build());
    assertThat(result.anomalies()).isEmpty();
    assertThat(result.counts()).isEqualTo(new EventCounts(5, 4));
  }

  @Test
  void expectsOrderPaidPaymentCapturedAndPaymentRefunded() {
    assertThat(EventChecker.expected(cleanFinal().build()))
        .containsExactlyInAnyOrder(
            new EventKey("order.paid", ORDER),
            new EventKey("payment.captured", PAYMENT),
            new EventKey("payment.refunded", REFUND));
  }

  @Test
  void eventsAboutOtherObjectsAreIgnored() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_a", "order.paid", "ord_elsewhere", "paid"));
    d.add(delivery("evt_b", "order.paid", "ord_elsewhere", "paid"));
    EventChecker.Result result = EventChecker.check(d, cleanFinal().build());
    assertThat(result.anomalies()).isEmpty();
    assertThat(result.counts().deliveries()).isEqualTo(5);
  }

  // ---- one event id, one body

  @Test
  void aRedeliveryWithOtherBytesIsADuplicateEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_paid", "order.paid", ORDER, "partially_refunded"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().message()).contains("3 times with 2 different bodies");
    assertThat(found.getFirst().ids()).containsExactly("evt_paid", ORDER);
  }

  // ---- order.paid: exactly one per paid order, none otherwise

  @Test
  void twoOrderPaidIdsForOneOrderAreADuplicateEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_paid_again", "order.paid", ORDER, "paid"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().ids()).containsExactly(ORDER, "evt_paid", "evt_paid_again");
  }

  @Test
  void aPaidOrderWithoutOrderPaidIsALostEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.removeIf(e -> e.type().equals("order.paid"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.LOST_EVENTS);
    assertThat(found.getFirst().message()).contains("order ord_1 is partially_refunded");
  }

  @Test
  void anOrderNeverPaidHasNoOrderPaid() {
    Fixtures.Final fin = new Fixtures.Final();
    fin.put(payment(PAYMENT, ORDER, "failed", 0, 0, 2), "payment_failed");
    List<EventDelivery> d =
        List.of(
            delivery("evt_created", "order.created", ORDER, "pending_payment"),
            delivery("evt_failed", "payment.failed", PAYMENT, "failed"));
    assertThat(check(d, fin)).isEmpty();

    List<EventDelivery> withPaid = new ArrayList<>(d);
    withPaid.add(delivery("evt_paid", "order.paid", ORDER, "paid"));
    List<Anomaly> found = check(withPaid, fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().message())
        .contains("order ord_1 is payment_failed but order.paid was published");
  }

  // ---- payment.captured: at most one per payment, one when captured

  @Test
  void twoPaymentCapturedIdsAreADuplicateEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_captured_again", "payment.captured", PAYMENT, "captured"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().ids()).contains(PAYMENT, "evt_captured", "evt_captured_again");
  }

  @Test
  void aCapturedPaymentWithoutPaymentCapturedIsALostEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.removeIf(e -> e.type().equals("payment.captured"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.LOST_EVENTS);
    assertThat(found.getFirst().ids()).containsExactly(PAYMENT);
  }

  @Test
  void anAuthorizedPaymentHasNoCaptureEvent() {
    Fixtures.Final fin = new Fixtures.Final();
    fin.put(payment(PAYMENT, ORDER, "authorized", 0, 0, 2), "authorized");
    List<EventDelivery> d =
        new ArrayList<>(List.of(delivery("evt_auth", "payment.authorized", PAYMENT, "authorized")));
    assertThat(check(d, fin)).isEmpty();
    assertThat(EventChecker.expected(fin.build())).isEmpty();

    d.add(delivery("evt_captured", "payment.captured", PAYMENT, "captured"));
    assertThat(categories(check(d, fin))).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
  }

  // ---- payment.refunded: one per succeeded refund, none for failed ones

  @Test
  void twoPaymentRefundedIdsForOneRefundAreADuplicateEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_refunded_again", "payment.refunded", REFUND, "succeeded"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().ids()).contains(REFUND, "evt_refunded", "evt_refunded_again");
  }

  @Test
  void aSucceededRefundWithoutPaymentRefundedIsALostEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.removeIf(e -> e.type().equals("payment.refunded"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.LOST_EVENTS);
    assertThat(found.getFirst().message()).contains("refund re_1 is succeeded");
  }

  @Test
  void aFailedRefundHasNoPaymentRefunded() {
    Fixtures.Final fin = cleanFinal();
    fin.refunds.put(
        PAYMENT,
        List.of(
            new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"),
            new RefundSnapshot("re_2", PAYMENT, 900, "failed")));
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_refund_failed", "payment.refund_failed", "re_2", "failed"));
    assertThat(check(d, fin)).isEmpty();
    assertThat(EventChecker.expected(fin.build()))
        .doesNotContain(new EventKey("payment.refunded", "re_2"));

    d.add(delivery("evt_refunded_2", "payment.refunded", "re_2", "succeeded"));
    List<Anomaly> found = check(d, fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().message()).contains("refund re_2 is failed");
  }

  @Test
  void aPendingRefundIsLeftToTheStuckCheck() {
    Fixtures.Final fin = cleanFinal();
    fin.refunds.put(
        PAYMENT,
        List.of(
            new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"),
            new RefundSnapshot("re_2", PAYMENT, 100, "pending")));
    assertThat(check(cleanDeliveries(), fin)).isEmpty();
  }

  // ---- any other type: at most once per object

  @Test
  void anyEventTypeTwiceOnOneObjectIsADuplicateEvent() {
    List<EventDelivery> d = cleanDeliveries();
    d.add(delivery("evt_created_again", "order.created", ORDER, "pending_payment"));
    List<Anomaly> found = check(d, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_EVENTS);
    assertThat(found.getFirst().message()).contains("order.created under 2 event ids");
  }
}
