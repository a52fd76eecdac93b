package com.oncepay.lab.check;

import static com.oncepay.lab.check.AnomalyCategory.DUPLICATE_CHARGES;
import static com.oncepay.lab.check.AnomalyCategory.DUPLICATE_ORDERS;
import static com.oncepay.lab.check.AnomalyCategory.LOST_UPDATES;
import static com.oncepay.lab.check.AnomalyCategory.OVER_CAPTURE;
import static com.oncepay.lab.check.AnomalyCategory.OVER_REFUND;
import static com.oncepay.lab.check.AnomalyCategory.REPLAY_MISMATCHES;
import static com.oncepay.lab.check.AnomalyCategory.STATE_MISMATCHES;
import static com.oncepay.lab.check.AnomalyCategory.STUCK_OPERATIONS;

import com.oncepay.lab.check.Observations.CaptureAnswer;
import com.oncepay.lab.check.Observations.PayAnswer;
import com.oncepay.lab.check.Observations.PlaceAnswer;
import com.oncepay.lab.check.Observations.RawAnswer;
import com.oncepay.lab.check.Observations.RefundAnswer;
import com.oncepay.lab.check.Observations.VoidAnswer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks the invariants of DESIGN.md after a scenario: what the API answered during the run ({@link
 * Observations}) against what the service and the gateway ledger say at the end ({@link
 * FinalState}). A pure function of its inputs, so every category is unit-tested with hand-made
 * observations.
 *
 * <p>Invariant 6 (side effects once) is not visible in API answers: {@link EventChecker} checks it
 * on the merchant webhooks.
 */
public final class InvariantChecker {

  /** Answers that are not a completed result, so a replay of the key may legitimately differ. */
  private static final Set<String> RETRYABLE_CODES =
      Set.of("idempotency_key_in_use", "order_busy", "payment_busy", "service_unavailable");

  private final Observations obs;
  private final FinalState fin;
  private final List<Anomaly> found = new ArrayList<>();

  private InvariantChecker(Observations obs, FinalState fin) {
    this.obs = obs;
    this.fin = fin;
  }

  /** Every anomaly, grouped by category in report order, each with the ids involved. */
  public static List<Anomaly> check(Observations obs, FinalState fin) {
    InvariantChecker checker = new InvariantChecker(obs, fin);
    checker.duplicateOrders();
    checker.duplicateCharges();
    checker.lostUpdates();
    checker.money();
    checker.stuck();
    checker.replays();
    checker.againstLedger();
    return checker.found.stream()
        .sorted(Comparator.comparing(Anomaly::category))
        .collect(Collectors.toList());
  }

  private void add(AnomalyCategory category, String message, Iterable<String> ids) {
    List<String> list = new ArrayList<>();
    ids.forEach(list::add);
    found.add(new Anomaly(category, message, list));
  }

  private void add(AnomalyCategory category, String message, String... ids) {
    add(category, message, List.of(ids));
  }

  // ---- invariant 1: one order per cart -------------------------------------------------------

  private void duplicateOrders() {
    Map<String, Set<String>> ordersByCart = new LinkedHashMap<>();
    for (PlaceAnswer answer : obs.places()) {
      ordersByCart
          .computeIfAbsent(answer.cartId(), c -> new TreeSet<>())
          .add(Objects.requireNonNull(answer.orderId(), "orderId"));
    }
    for (OrderSnapshot order : fin.orders().values()) {
      if (order.cartId() != null) {
        ordersByCart.computeIfAbsent(order.cartId(), c -> new TreeSet<>()).add(order.id());
      }
    }
    ordersByCart.forEach(
        (cart, orderIds) -> {
          if (orderIds.size() > 1) {
            add(
                DUPLICATE_ORDERS,
                "cart " + cart + " has " + orderIds.size() + " orders: " + orderIds,
                concat(cart, orderIds));
          }
        });
    // Two "created" answers under different keys: the service claims it created the cart twice.
    Map<String, List<PlaceAnswer>> created =
        obs.places().stream()
            .filter(a -> a.status() == 201 && !a.replayed())
            .collect(
                Collectors.groupingBy(
                    PlaceAnswer::cartId, LinkedHashMap::new, Collectors.toList()));
    created.forEach(
        (cart, answers) -> {
          Set<String> keys = answers.stream().map(PlaceAnswer::key).collect(toSortedSet());
          Set<String> ids = answers.stream().map(PlaceAnswer::orderId).collect(toSortedSet());
          if (keys.size() > 1 && ids.size() == 1) {
            add(
                DUPLICATE_ORDERS,
                "cart "
                    + cart
                    + " answered 201 Created under "
                    + keys.size()
                    + " different keys "
                    + keys
                    + " (only the first may create it; the others must answer 200)",
                concat(cart, ids));
          }
        });
  }

  // ---- invariant 2: one charge per intent ----------------------------------------------------

  private void duplicateCharges() {
    for (OrderSnapshot order : fin.orders().values()) {
      List<String> live =
          order.payments().stream().filter(PaymentSnapshot::live).map(PaymentSnapshot::id).toList();
      if (live.size() > 1) {
        add(
            DUPLICATE_CHARGES,
            "order " + order.id() + " has " + live.size() + " payments that are not failed",
            concat(order.id(), live));
      }
    }
    if (!fin.hasLedger()) {
      return;
    }
    Set<String> orders = touchedOrders();
    Set<String> flagged = new HashSet<>();
    Map<String, List<LedgerCharge>> byOrder =
        fin.ledger().stream()
            .filter(c -> c.orderReference() != null && orders.contains(c.orderReference()))
            .collect(
                Collectors.groupingBy(
                    LedgerCharge::orderReference, LinkedHashMap::new, Collectors.toList()));
    byOrder.forEach(
        (order, charges) -> {
          List<LedgerCharge> live = charges.stream().filter(LedgerCharge::live).toList();
          if (live.size() > 1) {
            flagged.add(order);
            add(
                DUPLICATE_CHARGES,
                "the gateway holds "
                    + live.size()
                    + " live charges for order "
                    + order
                    + ": "
                    + describe(live),
                concat(order, live.stream().flatMap(c -> Stream.of(c.id(), c.reference()))));
          }
        });
    Set<String> payments = touchedPayments();
    Map<String, List<LedgerCharge>> byReference =
        fin.ledger().stream()
            .filter(c -> c.reference() != null && payments.contains(c.reference()))
            .collect(
                Collectors.groupingBy(
                    LedgerCharge::reference, LinkedHashMap::new, Collectors.toList()));
    byReference.forEach(
        (payment, charges) -> {
          if (charges.size() > 1 && !flagged.contains(charges.getFirst().orderReference())) {
            add(
                DUPLICATE_CHARGES,
                "payment "
                    + payment
                    + " was authorized "
                    + charges.size()
                    + " times at the gateway: "
                    + describe(charges),
                concat(payment, charges.stream().map(LedgerCharge::id)));
          }
        });
  }

  // ---- invariants 3 and 7: what answers imply, forward only ----------------------------------

  private void lostUpdates() {
    for (String id : fin.missing()) {
      add(LOST_UPDATES, id + " was named in an answer but the service now answers 404", id);
    }
    refundsAddUp();
    acceptedRefundsKept();
    capturesAndVoidsKept();
    paymentsKept();
    forwardOnly();
    ordersAgreeWithPayments();
  }

  private void refundsAddUp() {
    fin.refunds()
        .forEach(
            (paymentId, refunds) -> {
              PaymentSnapshot payment = fin.payments().get(paymentId);
              if (payment == null || !payment.settled() || hasPending(refunds)) {
                return;
              }
              long succeeded =
                  refunds.stream()
                      .filter(RefundSnapshot::succeeded)
                      .mapToLong(RefundSnapshot::amount)
                      .sum();
              if (succeeded != payment.amountRefunded()) {
                add(
                    LOST_UPDATES,
                    "payment "
                        + paymentId
                        + " records amount_refunded "
                        + payment.amountRefunded()
                        + " (version "
                        + payment.version()
                        + ") but its "
                        + refunds.stream().filter(RefundSnapshot::succeeded).count()
                        + " succeeded refunds add up to "
                        + succeeded,
                    concat(paymentId, refunds.stream().map(RefundSnapshot::id)));
              }
            });
  }

  private void acceptedRefundsKept() {
    Map<String, RefundSnapshot> accepted = new LinkedHashMap<>();
    for (RefundAnswer answer : obs.refunds()) {
      accepted.merge(answer.refund().id(), answer.refund(), (a, b) -> b.succeeded() ? b : a);
    }
    accepted.forEach(
        (refundId, answered) -> {
          List<RefundSnapshot> list = fin.refunds().get(answered.paymentId());
          if (list == null) {
            return;
          }
          RefundSnapshot now =
              list.stream().filter(r -> r.id().equals(refundId)).findFirst().orElse(null);
          if (now == null) {
            add(
                LOST_UPDATES,
                "refund "
                    + refundId
                    + " of "
                    + answered.amount()
                    + " was answered as "
                    + answered.status()
                    + " but is missing from payment "
                    + answered.paymentId()
                    + "'s refunds",
                answered.paymentId(),
                refundId);
          } else if (answered.succeeded() && !now.succeeded()) {
            add(
                LOST_UPDATES,
                "refund " + refundId + " was answered as succeeded but is now " + now.status(),
                answered.paymentId(),
                refundId);
          }
        });
  }

  private void capturesAndVoidsKept() {
    Map<String, List<CaptureAnswer>> captures =
        firstAnswers(obs.captures(), CaptureAnswer::paymentId, CaptureAnswer::key).stream()
            .filter(a -> !a.after().status().equals("authorized"))
            .collect(Collectors.groupingBy(CaptureAnswer::paymentId));
    Map<String, List<VoidAnswer>> voids =
        firstAnswers(obs.voids(), VoidAnswer::paymentId, VoidAnswer::key).stream()
            .filter(a -> a.after().status().equals("voided"))
            .collect(Collectors.groupingBy(VoidAnswer::paymentId));
    captures.forEach(
        (paymentId, answers) -> {
          Set<String> keys = answers.stream().map(CaptureAnswer::key).collect(toSortedSet());
          if (keys.size() > 1) {
            add(
                LOST_UPDATES,
                "payment "
                    + paymentId
                    + " accepted "
                    + keys.size()
                    + " different captures "
                    + keys
                    + "; a payment is captured at most once",
                paymentId);
          }
          PaymentSnapshot now = fin.payments().get(paymentId);
          if (now == null || !now.settled()) {
            return;
          }
          for (CaptureAnswer answer : answers) {
            if (answer.after().settled()
                && answer.after().amountCaptured() != now.amountCaptured()) {
              add(
                  LOST_UPDATES,
                  "capture "
                      + answer.key()
                      + " answered amount_captured "
                      + answer.after().amountCaptured()
                      + " but payment "
                      + paymentId
                      + " now records "
                      + now.amountCaptured(),
                  paymentId,
                  answer.key());
              break;
            }
          }
        });
    voids.forEach(
        (paymentId, answers) -> {
          if (captures.containsKey(paymentId)) {
            add(
                LOST_UPDATES,
                "both a capture and a void of payment " + paymentId + " were accepted",
                paymentId);
          }
          PaymentSnapshot now = fin.payments().get(paymentId);
          if (now != null && now.settled() && !now.status().equals("voided")) {
            add(
                LOST_UPDATES,
                "void of payment " + paymentId + " was accepted but it is now " + now.status(),
                paymentId,
                answers.getFirst().key());
          }
        });
  }

  private void paymentsKept() {
    Set<String> seen = new HashSet<>();
    for (PayAnswer answer : obs.pays()) {
      if (answer.paymentId() == null || !seen.add(answer.paymentId())) {
        continue;
      }
      OrderSnapshot order = fin.orders().get(answer.orderId());
      if (order == null) {
        continue;
      }
      boolean listed = order.payments().stream().anyMatch(p -> p.id().equals(answer.paymentId()));
      if (!listed) {
        add(
            LOST_UPDATES,
            "payment "
                + answer.paymentId()
                + " was answered with "
                + answer.status()
                + " but order "
                + answer.orderId()
                + " does not list it",
            answer.orderId(),
            answer.paymentId());
      }
    }
  }

  /** Versions order what the service wrote: one state per version, and never backwards. */
  private void forwardOnly() {
    Map<String, List<PaymentSnapshot>> byPayment =
        Stream.concat(obs.paymentSnapshots().stream(), fin.payments().values().stream())
            .collect(Collectors.groupingBy(PaymentSnapshot::id));
    byPayment.forEach(
        (paymentId, snapshots) -> {
          List<PaymentSnapshot> sorted =
              snapshots.stream()
                  .sorted(Comparator.comparingLong(PaymentSnapshot::version))
                  .toList();
          for (int i = 1; i < sorted.size(); i++) {
            PaymentSnapshot before = sorted.get(i - 1);
            PaymentSnapshot after = sorted.get(i);
            String problem = backwards(before, after);
            if (problem != null) {
              add(LOST_UPDATES, "payment " + paymentId + " " + problem, paymentId);
              return;
            }
          }
        });
  }

  private static String backwards(PaymentSnapshot before, PaymentSnapshot after) {
    if (before.version() == after.version()) {
      boolean same =
          before.status().equals(after.status())
              && before.amountCaptured() == after.amountCaptured()
              && before.amountRefunded() == after.amountRefunded();
      return same
          ? null
          : "showed two different states under version "
              + before.version()
              + ": "
              + state(before)
              + " ("
              + before.seenIn()
              + ") and "
              + state(after)
              + " ("
              + after.seenIn()
              + "), so one write overwrote another";
    }
    if (!PaymentStates.mayFollow(before.status(), after.status())
        || after.amountCaptured() < before.amountCaptured()
        || after.amountRefunded() < before.amountRefunded()) {
      return "moved backwards from "
          + state(before)
          + " at version "
          + before.version()
          + " ("
          + before.seenIn()
          + ") to "
          + state(after)
          + " at version "
          + after.version()
          + " ("
          + after.seenIn()
          + ")";
    }
    return null;
  }

  private static String state(PaymentSnapshot p) {
    return p.status() + " captured=" + p.amountCaptured() + " refunded=" + p.amountRefunded();
  }

  private void ordersAgreeWithPayments() {
    for (OrderSnapshot order : fin.orders().values()) {
      if (order.payments().stream().anyMatch(p -> !p.settled())) {
        continue;
      }
      List<PaymentSnapshot> live = order.payments().stream().filter(PaymentSnapshot::live).toList();
      String expected;
      if (live.size() == 1) {
        expected = PaymentStates.orderStatusFor(live.getFirst().status());
      } else if (live.isEmpty()) {
        expected = order.payments().isEmpty() ? "pending_payment" : "payment_failed";
      } else {
        continue;
      }
      if (expected != null && !expected.equals(order.status())) {
        add(
            LOST_UPDATES,
            "order "
                + order.id()
                + " is "
                + order.status()
                + " but its payments imply "
                + expected
                + " ("
                + order.payments().stream()
                    .map(p -> p.id() + "=" + p.status())
                    .collect(Collectors.joining(", "))
                + ")",
            concat(order.id(), order.payments().stream().map(PaymentSnapshot::id)));
      }
    }
  }

  // ---- invariant 3: money adds up --------------------------------------------------------------

  private void money() {
    Set<String> overCaptured = new HashSet<>();
    Set<String> overRefunded = new HashSet<>();
    Stream.concat(fin.payments().values().stream(), obs.paymentSnapshots().stream())
        .forEach(
            p -> {
              if (p.amountCaptured() > p.amountAuthorized() && overCaptured.add(p.id())) {
                add(
                    OVER_CAPTURE,
                    "payment "
                        + p.id()
                        + " captured "
                        + p.amountCaptured()
                        + " of "
                        + p.amountAuthorized()
                        + " authorized ("
                        + p.seenIn()
                        + ")",
                    p.id());
              }
              long spent = p.amountRefunded() + p.amountRefundPending();
              if (spent > p.amountCaptured() && overRefunded.add(p.id())) {
                add(
                    OVER_REFUND,
                    "payment "
                        + p.id()
                        + " refunded "
                        + p.amountRefunded()
                        + " (+"
                        + p.amountRefundPending()
                        + " pending) of "
                        + p.amountCaptured()
                        + " captured ("
                        + p.seenIn()
                        + ")",
                    p.id());
              }
            });
    acceptedCapturesFit(overCaptured);
    acceptedRefundsFit(overRefunded);
    if (fin.hasLedger()) {
      Set<String> payments = touchedPayments();
      for (LedgerCharge charge : fin.ledger()) {
        if (!payments.contains(charge.reference())) {
          continue;
        }
        if (charge.amountCaptured() > charge.amount()) {
          add(
              OVER_CAPTURE,
              "the gateway captured "
                  + charge.amountCaptured()
                  + " of "
                  + charge.amount()
                  + " on charge "
                  + charge.id(),
              charge.reference(),
              charge.id());
        }
        long refunded = Math.max(charge.amountRefunded(), charge.refundSum());
        if (refunded > charge.amountCaptured()) {
          add(
              OVER_REFUND,
              "the gateway refunded "
                  + refunded
                  + " of "
                  + charge.amountCaptured()
                  + " captured on charge "
                  + charge.id()
                  + " ("
                  + charge.refunds().size()
                  + " refunds)",
              concat(
                  charge.reference(),
                  Stream.concat(
                      Stream.of(charge.id()),
                      charge.refunds().stream().map(LedgerCharge.Refund::id))));
        }
      }
    }
  }

  private void acceptedCapturesFit(Set<String> overCaptured) {
    Map<String, Long> captured = new LinkedHashMap<>();
    for (CaptureAnswer answer :
        firstAnswers(obs.captures(), CaptureAnswer::paymentId, CaptureAnswer::key)) {
      long amount =
          answer.requested() != null ? answer.requested() : answer.after().amountCaptured();
      captured.merge(answer.paymentId(), amount, Long::sum);
    }
    captured.forEach(
        (paymentId, sum) -> {
          PaymentSnapshot now = fin.payments().get(paymentId);
          if (now != null && sum > now.amountAuthorized() && overCaptured.add(paymentId)) {
            add(
                OVER_CAPTURE,
                "captures of "
                    + sum
                    + " in total were accepted on payment "
                    + paymentId
                    + ", which authorized "
                    + now.amountAuthorized(),
                paymentId);
          }
        });
  }

  private void acceptedRefundsFit(Set<String> overRefunded) {
    Map<String, Map<String, Long>> byPayment = new LinkedHashMap<>();
    for (RefundAnswer answer : obs.refunds()) {
      if (!answer.refund().status().equals("failed")) {
        byPayment
            .computeIfAbsent(answer.paymentId(), p -> new LinkedHashMap<>())
            .put(answer.refund().id(), answer.refund().amount());
      }
    }
    byPayment.forEach(
        (paymentId, refunds) -> {
          long sum = refunds.values().stream().mapToLong(Long::longValue).sum();
          PaymentSnapshot now = fin.payments().get(paymentId);
          if (now != null && sum > now.amountCaptured() && overRefunded.add(paymentId)) {
            add(
                OVER_REFUND,
                refunds.size()
                    + " accepted refunds add up to "
                    + sum
                    + " on payment "
                    + paymentId
                    + ", which captured "
                    + now.amountCaptured(),
                concat(paymentId, refunds.keySet()));
          }
        });
    fin.refunds()
        .forEach(
            (paymentId, refunds) -> {
              long sum =
                  refunds.stream()
                      .filter(r -> !r.status().equals("failed"))
                      .mapToLong(RefundSnapshot::amount)
                      .sum();
              PaymentSnapshot now = fin.payments().get(paymentId);
              if (now != null && sum > now.amountCaptured() && overRefunded.add(paymentId)) {
                add(
                    OVER_REFUND,
                    "the refunds of payment "
                        + paymentId
                        + " add up to "
                        + sum
                        + " of "
                        + now.amountCaptured()
                        + " captured",
                    concat(paymentId, refunds.stream().map(RefundSnapshot::id)));
              }
            });
  }

  // ---- invariant 5: nothing lost or stuck ------------------------------------------------------

  private void stuck() {
    for (PaymentSnapshot p : fin.payments().values()) {
      if (!p.settled()) {
        add(
            STUCK_OPERATIONS,
            "payment "
                + p.id()
                + " is still "
                + p.status()
                + (p.pendingOperation() == null
                    ? ""
                    : " with operation " + p.pendingOperation() + " pending")
                + (p.amountRefundPending() == 0
                    ? ""
                    : " with " + p.amountRefundPending() + " of refunds in flight")
                + " after the settle wait",
            p.pendingOperation() == null ? List.of(p.id()) : List.of(p.id(), p.pendingOperation()));
      }
    }
    for (OrderSnapshot order : fin.orders().values()) {
      boolean paymentsSettled = order.payments().stream().allMatch(PaymentSnapshot::settled);
      if (order.status().equals("payment_processing") && paymentsSettled) {
        add(
            STUCK_OPERATIONS,
            "order " + order.id() + " is still payment_processing but none of its payments is",
            order.id());
      }
    }
    fin.refunds()
        .forEach(
            (paymentId, refunds) -> {
              for (RefundSnapshot refund : refunds) {
                if (refund.status().equals("pending")) {
                  add(
                      STUCK_OPERATIONS,
                      "refund " + refund.id() + " is still pending after the settle wait",
                      paymentId,
                      refund.id());
                }
              }
            });
    if (fin.hasLedger()) {
      Set<String> orders = touchedOrders();
      for (LedgerCharge charge : fin.ledger()) {
        if (charge.status().equals("pending") && orders.contains(charge.orderReference())) {
          add(
              STUCK_OPERATIONS,
              "gateway charge " + charge.id() + " is still pending after the settle wait",
              charge.reference(),
              charge.id());
        }
      }
    }
  }

  // ---- invariant 4: replays are exact ----------------------------------------------------------

  private void replays() {
    Map<String, Map<String, List<RawAnswer>>> byKey = new LinkedHashMap<>();
    for (RawAnswer answer : obs.rawAnswers()) {
      if (answer.key() == null) {
        continue;
      }
      String fingerprint = answer.method() + " " + answer.path() + " " + answer.requestDigest();
      byKey
          .computeIfAbsent(answer.key(), k -> new LinkedHashMap<>())
          .computeIfAbsent(fingerprint, f -> new ArrayList<>())
          .add(answer);
    }
    byKey.forEach(
        (key, groups) -> {
          groups.forEach(
              (fingerprint, answers) -> {
                List<RawAnswer> completed =
                    answers.stream().filter(InvariantChecker::completed).toList();
                Set<String> variants =
                    completed.stream()
                        .map(a -> a.status() + " " + a.bodyDigest())
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                if (variants.size() > 1) {
                  add(
                      REPLAY_MISMATCHES,
                      "key "
                          + key
                          + " on "
                          + fingerprint.substring(0, fingerprint.lastIndexOf(' '))
                          + " got "
                          + variants.size()
                          + " different answers: "
                          + completed.stream()
                              .map(InvariantChecker::describe)
                              .distinct()
                              .limit(3)
                              .collect(Collectors.joining(" | ")),
                      key);
                }
              });
          long acceptedFingerprints =
              groups.values().stream()
                  .filter(answers -> answers.stream().anyMatch(a -> a.status() / 100 == 2))
                  .count();
          if (acceptedFingerprints > 1) {
            add(
                REPLAY_MISMATCHES,
                "key "
                    + key
                    + " was accepted for "
                    + acceptedFingerprints
                    + " different requests; the same key with another body must answer 422"
                    + " idempotency_key_reused",
                key);
          }
        });
  }

  /** A completed answer is stored with its key and must replay byte for byte. */
  private static boolean completed(RawAnswer answer) {
    int status = answer.status();
    if (status < 200 || status >= 500 || status == 202) {
      return false;
    }
    return answer.errorCode() == null || !RETRYABLE_CODES.contains(answer.errorCode());
  }

  private static String describe(RawAnswer answer) {
    return answer.status() + (answer.replayed() ? " (replayed) " : " ") + answer.excerpt();
  }

  // ---- invariant 3: both sides agree -----------------------------------------------------------

  private void againstLedger() {
    if (!fin.hasLedger()) {
      return;
    }
    Map<String, List<LedgerCharge>> byReference =
        fin.ledger().stream()
            .filter(c -> c.reference() != null)
            .collect(Collectors.groupingBy(LedgerCharge::reference));
    for (PaymentSnapshot p : fin.payments().values()) {
      if (!p.settled()) {
        continue;
      }
      List<LedgerCharge> charges = byReference.getOrDefault(p.id(), List.of());
      List<LedgerCharge> live = charges.stream().filter(LedgerCharge::live).toList();
      if (p.status().equals("failed")) {
        if (!live.isEmpty()) {
          add(
              STATE_MISMATCHES,
              "payment " + p.id() + " is failed here but the gateway holds " + describe(live),
              concat(p.id(), live.stream().map(LedgerCharge::id)));
        }
        continue;
      }
      if (live.isEmpty()) {
        add(
            STATE_MISMATCHES,
            "payment "
                + p.id()
                + " is "
                + p.status()
                + " here but the gateway has no live charge for it"
                + (charges.isEmpty() ? "" : " (only " + describe(charges) + ")"),
            p.id());
        continue;
      }
      LedgerCharge charge = live.getLast();
      List<String> differences = new ArrayList<>();
      String expected = PaymentStates.ledgerStatusFor(p.status());
      if (!expected.equals(charge.status())) {
        differences.add("status " + p.status() + " vs " + charge.status());
      }
      if (p.amountCaptured() != charge.amountCaptured()) {
        differences.add("amount_captured " + p.amountCaptured() + " vs " + charge.amountCaptured());
      }
      if (p.amountRefunded() != charge.amountRefunded()) {
        differences.add("amount_refunded " + p.amountRefunded() + " vs " + charge.amountRefunded());
      }
      if (p.amount() != charge.amount()) {
        differences.add("amount " + p.amount() + " vs " + charge.amount());
      }
      if (p.gatewayChargeId() != null && !p.gatewayChargeId().equals(charge.id())) {
        differences.add("gateway_charge_id " + p.gatewayChargeId() + " vs " + charge.id());
      }
      if (!differences.isEmpty()) {
        add(
            STATE_MISMATCHES,
            "payment "
                + p.id()
                + " disagrees with gateway charge "
                + charge.id()
                + " (ours vs gateway): "
                + String.join(", ", differences),
            p.id(),
            charge.id());
      }
    }
    // Money the gateway holds for one of our orders under a payment the order does not know.
    for (LedgerCharge charge : fin.ledger()) {
      OrderSnapshot order = fin.orders().get(charge.orderReference());
      if (order == null || !charge.live()) {
        continue;
      }
      boolean known = order.payments().stream().anyMatch(p -> p.id().equals(charge.reference()));
      if (!known) {
        add(
            STATE_MISMATCHES,
            "the gateway holds "
                + describe(List.of(charge))
                + " for order "
                + order.id()
                + " under reference "
                + charge.reference()
                + ", which is not one of the order's payments",
            order.id(),
            charge.id());
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private Set<String> touchedOrders() {
    Set<String> orders = new HashSet<>(obs.orders());
    orders.addAll(fin.orders().keySet());
    return orders;
  }

  private Set<String> touchedPayments() {
    Set<String> payments = new HashSet<>(obs.payments());
    payments.addAll(fin.payments().keySet());
    return payments;
  }

  private static boolean hasPending(List<RefundSnapshot> refunds) {
    return refunds.stream().anyMatch(r -> r.status().equals("pending"));
  }

  /** The first answer per (payment, key): replays of the same key say nothing new. */
  private static <T> List<T> firstAnswers(
      List<T> answers,
      java.util.function.Function<T, String> payment,
      java.util.function.Function<T, String> key) {
    Map<String, T> first = new LinkedHashMap<>();
    for (T answer : answers) {
      first.putIfAbsent(payment.apply(answer) + " " + key.apply(answer), answer);
    }
    return List.copyOf(first.values());
  }

  private static String describe(List<LedgerCharge> charges) {
    return charges.stream()
        .map(
            c ->
                c.id()
                    + " ("
                    + c.status()
                    + ", "
                    + c.amount()
                    + " "
                    + c.currency()
                    + ", ref "
                    + c.reference()
                    + ")")
        .collect(Collectors.joining(", "));
  }

  private static List<String> concat(String first, Iterable<String> rest) {
    List<String> ids = new ArrayList<>();
    ids.add(first);
    rest.forEach(ids::add);
    return ids;
  }

  private static List<String> concat(String first, Stream<String> rest) {
    List<String> ids = new ArrayList<>();
    ids.add(first);
    rest.forEach(ids::add);
    return ids;
  }

  private static java.util.stream.Collector<String, ?, TreeSet<String>> toSortedSet() {
    return Collectors.toCollection(TreeSet::new);
  }
}
