package com.oncepay.lab.check;

import static com.oncepay.lab.check.Fixtures.CART;
import static com.oncepay.lab.check.Fixtures.CHARGE;
import static com.oncepay.lab.check.Fixtures.ORDER;
import static com.oncepay.lab.check.Fixtures.PAYMENT;
import static com.oncepay.lab.check.Fixtures.REFUND;
import static com.oncepay.lab.check.Fixtures.charge;
import static com.oncepay.lab.check.Fixtures.cleanFinal;
import static com.oncepay.lab.check.Fixtures.cleanObservations;
import static com.oncepay.lab.check.Fixtures.order;
import static com.oncepay.lab.check.Fixtures.payment;
import static com.oncepay.lab.check.Fixtures.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.check.Observations.CaptureAnswer;
import com.oncepay.lab.check.Observations.PlaceAnswer;
import com.oncepay.lab.check.Observations.RefundAnswer;
import com.oncepay.lab.check.Observations.VoidAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvariantCheckerTest {

  private static List<Anomaly> check(Observations obs, Fixtures.Final fin) {
    return InvariantChecker.check(obs, fin.build());
  }

  private static List<AnomalyCategory> categories(List<Anomaly> anomalies) {
    return anomalies.stream().map(Anomaly::category).distinct().toList();
  }

  @Test
  void aCorrectRunHasNoAnomaly() {
    assertThat(check(cleanObservations(), cleanFinal())).isEmpty();
  }

  @Test
  void withoutALedgerOnlyOurSideIsChecked() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger = null;
    assertThat(check(cleanObservations(), fin)).isEmpty();
  }

  // ---- duplicate_orders

  @Test
  void twoOrderIdsForOneCartAreDuplicateOrders() {
    Observations obs = cleanObservations();
    obs.placed(new PlaceAnswer(CART, "k-place-3", 201, "ord_2", false));
    List<Anomaly> found = check(obs, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_ORDERS);
    assertThat(found.getFirst().ids()).containsExactly(CART, ORDER, "ord_2");
  }

  @Test
  void twoCreatedAnswersUnderDifferentKeysAreDuplicateOrders() {
    Observations obs = cleanObservations();
    obs.placed(new PlaceAnswer(CART, "k-place-3", 201, ORDER, false));
    List<Anomaly> found = check(obs, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.DUPLICATE_ORDERS);
    assertThat(found.getFirst().message()).contains("201 Created under 2 different keys");
  }

  // ---- duplicate_charges

  @Test
  void twoLiveGatewayChargesForOneOrderAreDuplicateCharges() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger.add(charge("ch_2", "pay_ghost", ORDER, "captured", 1_000, 0));
    List<Anomaly> found = check(cleanObservations(), fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.DUPLICATE_CHARGES)
        .singleElement()
        .satisfies(a -> assertThat(a.ids()).contains(ORDER, CHARGE, "ch_2", "pay_ghost"));
  }

  @Test
  void aDeclinedChargeBeforeTheLiveOneIsNoDuplicate() {
    Observations obs = cleanObservations();
    Fixtures.Final fin = cleanFinal();
    PaymentSnapshot declined = payment("pay_0", ORDER, "failed", 0, 0, 2);
    PaymentSnapshot live = fin.payments.get(PAYMENT);
    fin.payments.put(declined.id(), declined);
    fin.orders.put(ORDER, order(ORDER, CART, "partially_refunded", declined, live));
    fin.ledger.add(charge("ch_0", "pay_0", ORDER, "declined", 0, 0));
    assertThat(check(obs, fin)).isEmpty();
  }

  @Test
  void twoLivePaymentsOnOneOrderAreDuplicateCharges() {
    Fixtures.Final fin = cleanFinal();
    PaymentSnapshot second = payment("pay_2", ORDER, "authorized", 0, 0, 2);
    fin.payments.put(second.id(), second);
    fin.orders.put(
        ORDER, order(ORDER, CART, "partially_refunded", fin.payments.get(PAYMENT), second));
    fin.ledger = null;
    assertThat(categories(check(cleanObservations(), fin)))
        .contains(AnomalyCategory.DUPLICATE_CHARGES);
  }

  @Test
  void oneIntentAuthorizedTwiceAtTheGatewayIsADuplicateCharge() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger.add(charge("ch_2", PAYMENT, "ord_elsewhere", "declined", 0, 0));
    assertThat(categories(check(cleanObservations(), fin)))
        .containsExactly(AnomalyCategory.DUPLICATE_CHARGES);
  }

  // ---- lost_updates

  @Test
  void refundedAmountThatDisagreesWithTheRefundsIsALostUpdate() {
    Fixtures.Final fin = cleanFinal();
    fin.refunds.put(
        PAYMENT,
        List.of(
            new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"),
            new RefundSnapshot("re_2", PAYMENT, 200, "succeeded")));
    fin.ledger = null;
    List<Anomaly> found = check(cleanObservations(), fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.LOST_UPDATES);
    assertThat(found.getFirst().message()).contains("amount_refunded 300", "add up to 500");
  }

  @Test
  void anAcceptedRefundMissingFromTheListIsALostUpdate() {
    Observations obs = cleanObservations();
    obs.refunded(
        new RefundAnswer(
            PAYMENT, "k-r2", new RefundSnapshot("re_2", PAYMENT, 100, "succeeded"), false));
    Fixtures.Final fin = cleanFinal();
    fin.ledger = null;
    List<Anomaly> found = check(obs, fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.LOST_UPDATES)
        .anySatisfy(a -> assertThat(a.ids()).containsExactly(PAYMENT, "re_2"));
  }

  @Test
  void twoStatesUnderOneVersionAreALostUpdate() {
    Observations obs = cleanObservations();
    obs.saw(payment(PAYMENT, ORDER, "captured", 1_000, 100, 3));
    Fixtures.Final fin = cleanFinal();
    List<Anomaly> found = check(obs, fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.LOST_UPDATES)
        .singleElement()
        .satisfies(a -> assertThat(a.message()).contains("under version 3"));
  }

  @Test
  void aStatusThatMovesBackwardsIsALostUpdate() {
    Observations obs = cleanObservations();
    obs.saw(payment(PAYMENT, ORDER, "authorized", 0, 0, 4));
    Fixtures.Final fin = cleanFinal();
    fin.put(payment(PAYMENT, ORDER, "partially_refunded", 1_000, 300, 5), "partially_refunded");
    List<Anomaly> found = check(obs, fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.LOST_UPDATES)
        .anySatisfy(a -> assertThat(a.message()).contains("moved backwards"));
  }

  @Test
  void anOrderThatDisagreesWithItsPaymentIsALostUpdate() {
    Fixtures.Final fin = cleanFinal();
    fin.orders.put(ORDER, order(ORDER, CART, "paid", fin.payments.get(PAYMENT)));
    assertThat(categories(check(cleanObservations(), fin)))
        .containsExactly(AnomalyCategory.LOST_UPDATES);
  }

  @Test
  void anAcceptedVoidThatDidNotStickIsALostUpdate() {
    Observations obs = new Observations();
    PaymentSnapshot voided = payment(PAYMENT, ORDER, "voided", 0, 0, 3);
    obs.voided(new VoidAnswer(PAYMENT, "k-void", voided, false));
    obs.captured(
        new CaptureAnswer(
            PAYMENT, "k-cap", null, payment(PAYMENT, ORDER, "captured", 1_000, 0, 4), false));
    Fixtures.Final fin = new Fixtures.Final();
    fin.put(payment(PAYMENT, ORDER, "captured", 1_000, 0, 4), "paid");
    fin.ledger = null;
    List<Anomaly> found = check(obs, fin);
    assertThat(found)
        .extracting(Anomaly::message)
        .anySatisfy(m -> assertThat(m).contains("both a capture and a void"))
        .anySatisfy(m -> assertThat(m).contains("void of payment pay_1 was accepted"));
  }

  @Test
  void anIdNamedInAnAnswerThatIsNowUnknownIsALostUpdate() {
    Fixtures.Final fin = cleanFinal();
    fin.missing.add("pay_gone");
    assertThat(categories(check(cleanObservations(), fin)))
        .containsExactly(AnomalyCategory.LOST_UPDATES);
  }

  // ---- over_capture / over_refund

  @Test
  void capturingMoreThanAuthorizedIsOverCapture() {
    Observations obs = cleanObservations();
    obs.saw(
        new PaymentSnapshot(
            PAYMENT,
            ORDER,
            "captured",
            1_000,
            "EUR",
            1_000,
            1_200,
            0,
            0,
            "pm_ok",
            "manual",
            null,
            CHARGE,
            2,
            "POST capture"));
    Fixtures.Final fin = cleanFinal();
    fin.ledger.set(0, charge(CHARGE, PAYMENT, ORDER, "partially_refunded", 1_500, 300));
    List<Anomaly> found = check(obs, fin);
    assertThat(found).filteredOn(a -> a.category() == AnomalyCategory.OVER_CAPTURE).hasSize(2);
  }

  @Test
  void refundingMoreThanCapturedIsOverRefundOnEitherSide() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger.set(
        0,
        charge(
            CHARGE,
            PAYMENT,
            ORDER,
            "partially_refunded",
            1_000,
            300,
            new LedgerCharge.Refund("gre_1", 700, "a"),
            new LedgerCharge.Refund("gre_2", 700, "b")));
    Observations obs = cleanObservations();
    obs.saw(
        new PaymentSnapshot(
            PAYMENT,
            ORDER,
            "partially_refunded",
            1_000,
            "EUR",
            1_000,
            1_000,
            800,
            400,
            "pm_ok",
            "automatic",
            null,
            CHARGE,
            4,
            "GET"));
    List<Anomaly> found = check(obs, fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.OVER_REFUND)
        .extracting(Anomaly::message)
        .anySatisfy(m -> assertThat(m).contains("refunded 800 (+400 pending) of 1000"))
        .anySatisfy(m -> assertThat(m).startsWith("the gateway refunded 1400"));
  }

  @Test
  void acceptedRefundsAddingUpToMoreThanCapturedAreOverRefund() {
    Observations obs = cleanObservations();
    obs.refunded(
        new RefundAnswer(
            PAYMENT, "k-r2", new RefundSnapshot("re_2", PAYMENT, 800, "succeeded"), false));
    Fixtures.Final fin = cleanFinal();
    fin.refunds.put(
        PAYMENT,
        List.of(
            new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"),
            new RefundSnapshot("re_2", PAYMENT, 800, "succeeded")));
    fin.ledger = null;
    assertThat(categories(check(obs, fin))).contains(AnomalyCategory.OVER_REFUND);
  }

  // ---- stuck_operations

  @Test
  void paymentsRefundsAndChargesStillInFlightAreStuck() {
    Fixtures.Final fin = cleanFinal();
    fin.put(payment("pay_2", "ord_2", "processing", 0, 0, 1), "payment_processing");
    fin.refunds.put(
        PAYMENT,
        List.of(
            new RefundSnapshot(REFUND, PAYMENT, 300, "succeeded"),
            new RefundSnapshot("re_2", PAYMENT, 100, "pending")));
    fin.ledger.add(charge("ch_2", "pay_2", "ord_2", "pending", 0, 0));
    List<Anomaly> found = check(cleanObservations(), fin);
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.STUCK_OPERATIONS)
        .extracting(a -> a.ids().getLast())
        .containsExactlyInAnyOrder("pay_2", "re_2", "ch_2");
  }

  // ---- replay_mismatches

  @Test
  void twoDifferentCompletedAnswersForOneKeyAreAReplayMismatch() {
    Observations obs = cleanObservations();
    obs.raw(raw("k-place-1", "req-a", 201, "{another order}", false));
    List<Anomaly> found = check(obs, cleanFinal());
    assertThat(categories(found)).containsExactly(AnomalyCategory.REPLAY_MISMATCHES);
    assertThat(found.getFirst().ids()).containsExactly("k-place-1");
  }

  @Test
  void busyAndInProgressAnswersMayDifferFromTheReplay() {
    Observations obs = cleanObservations();
    obs.raw(Fixtures.error("k-place-1", "req-a", 409, "order_busy"));
    obs.raw(raw("k-place-1", "req-a", 503, "{unavailable}", false));
    obs.raw(raw("k-place-1", "req-a", 202, "{processing}", false));
    obs.raw(raw("k-place-1", "req-a", -1, "", false));
    assertThat(check(obs, cleanFinal())).isEmpty();
  }

  @Test
  void oneKeyAcceptedForTwoDifferentBodiesIsAReplayMismatch() {
    Observations obs = cleanObservations();
    obs.raw(raw("k-place-1", "req-b", 201, "{order}", false));
    List<Anomaly> found = check(obs, cleanFinal());
    assertThat(found)
        .filteredOn(a -> a.category() == AnomalyCategory.REPLAY_MISMATCHES)
        .anySatisfy(a -> assertThat(a.message()).contains("accepted for 2 different requests"));
  }

  // ---- state_mismatches

  @Test
  void capturedHereButAuthorizedThereIsAStateMismatch() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger.set(0, charge(CHARGE, PAYMENT, ORDER, "authorized", 0, 0));
    List<Anomaly> found = check(cleanObservations(), fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.STATE_MISMATCHES);
    assertThat(found.getFirst().message())
        .contains("status partially_refunded vs authorized", "amount_refunded 300 vs 0");
  }

  @Test
  void failedHereButChargedThereIsAStateMismatch() {
    Fixtures.Final fin = new Fixtures.Final();
    fin.put(payment(PAYMENT, ORDER, "failed", 0, 0, 2), "payment_failed");
    fin.ledger.add(charge(CHARGE, PAYMENT, ORDER, "captured", 1_000, 0));
    List<Anomaly> found = check(new Observations(), fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.STATE_MISMATCHES);
  }

  @Test
  void aPaidPaymentWithoutAGatewayChargeIsAStateMismatch() {
    Fixtures.Final fin = cleanFinal();
    fin.ledger.clear();
    assertThat(categories(check(cleanObservations(), fin)))
        .containsExactly(AnomalyCategory.STATE_MISMATCHES);
  }

  @Test
  void aGatewayChargeUnderAReferenceTheOrderDoesNotKnowIsAStateMismatch() {
    Fixtures.Final fin = new Fixtures.Final();
    fin.orders.put(ORDER, order(ORDER, CART, "pending_payment"));
    fin.ledger.add(charge("ch_9", "pay_unknown", ORDER, "authorized", 0, 0));
    List<Anomaly> found = check(new Observations(), fin);
    assertThat(categories(found)).containsExactly(AnomalyCategory.STATE_MISMATCHES);
    assertThat(found.getFirst().ids()).containsExactly(ORDER, "ch_9");
  }
}
