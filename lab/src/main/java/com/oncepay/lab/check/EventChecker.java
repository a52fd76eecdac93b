package com.oncepay.lab.check;

import static com.oncepay.lab.check.AnomalyCategory.DUPLICATE_EVENTS;
import static com.oncepay.lab.check.AnomalyCategory.LOST_EVENTS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks invariant 6 (side effects once) after a scenario: the merchant webhooks the lab's receiver
 * accepted against what the final state says happened. Delivery is at least once, so a repeated
 * event id is fine as long as it repeats the same bytes; what breaks the promise is a side effect
 * under two event ids (a consumer deduplicating by id would act twice), or one the final state
 * calls for that never arrived. A pure function of its inputs, like {@link InvariantChecker}.
 *
 * <p>Only events about the scenario's own orders, payments and refunds are looked at, so events of
 * earlier scenarios or of other traffic on the merchant cannot blur the verdict.
 */
public final class EventChecker {

  public static final String ORDER_PAID = "order.paid";
  public static final String PAYMENT_CAPTURED = "payment.captured";
  public static final String PAYMENT_REFUNDED = "payment.refunded";

  /** Order statuses that are only reached through a capture, so each had one order.paid. */
  private static final Set<String> PAID_ORDERS = Set.of("paid", "partially_refunded", "refunded");

  /** Payment statuses that are only reached through a capture. */
  private static final Set<String> CAPTURED_PAYMENTS =
      Set.of("captured", "partially_refunded", "refunded");

  public record Result(List<Anomaly> anomalies, EventCounts counts) {
    public Result {
      anomalies = List.copyOf(anomalies);
    }
  }

  private final List<Anomaly> found = new ArrayList<>();
  private final Map<EventKey, Set<String>> idsByKey = new LinkedHashMap<>();

  private EventChecker() {}

  /**
   * The events the final state calls for: one order.paid per paid order, one payment.captured per
   * captured payment, one payment.refunded per succeeded refund. The lab waits for these before
   * checking, since delivery is asynchronous.
   */
  public static Set<EventKey> expected(FinalState fin) {
    Set<EventKey> keys = new LinkedHashSet<>();
    fin.orders().values().stream()
        .filter(o -> PAID_ORDERS.contains(o.status()))
        .forEach(o -> keys.add(new EventKey(ORDER_PAID, o.id())));
    fin.payments().values().stream()
        .filter(p -> CAPTURED_PAYMENTS.contains(p.status()))
        .forEach(p -> keys.add(new EventKey(PAYMENT_CAPTURED, p.id())));
    refunds(fin).stream()
        .filter(RefundSnapshot::succeeded)
        .forEach(r -> keys.add(new EventKey(PAYMENT_REFUNDED, r.id())));
    return keys;
  }

  public static Result check(Collection<EventDelivery> deliveries, FinalState fin) {
    Set<String> touched = new HashSet<>(fin.orders().keySet());
    touched.addAll(fin.payments().keySet());
    refunds(fin).forEach(r -> touched.add(r.id()));
    List<EventDelivery> ours =
        deliveries.stream().filter(d -> touched.contains(d.objectId())).toList();

    EventChecker checker = new EventChecker();
    Map<String, List<EventDelivery>> byId = new TreeMap<>();
    for (EventDelivery d : ours) {
      byId.computeIfAbsent(d.eventId(), id -> new ArrayList<>()).add(d);
      checker.idsByKey.computeIfAbsent(d.key(), k -> new TreeSet<>()).add(d.eventId());
    }
    checker.sameBytesPerId(byId);
    checker.oneIdPerKey();
    for (OrderSnapshot order : fin.orders().values()) {
      checker.exactlyWhen(
          PAID_ORDERS.contains(order.status()), ORDER_PAID, "order", order.id(), order.status());
    }
    for (PaymentSnapshot payment : fin.payments().values()) {
      checker.exactlyWhen(
          CAPTURED_PAYMENTS.contains(payment.status()),
          PAYMENT_CAPTURED,
          "payment",
          payment.id(),
          payment.status());
    }
    for (RefundSnapshot refund : refunds(fin)) {
      // A pending refund is already stuck_operations; whether it will succeed is not known.
      if (!refund.status().equals("pending")) {
        checker.exactlyWhen(
            refund.succeeded(), PAYMENT_REFUNDED, "refund", refund.id(), refund.status());
      }
    }
    return new Result(checker.found, new EventCounts(ours.size(), byId.size()));
  }

  private static List<RefundSnapshot> refunds(FinalState fin) {
    return fin.refunds().values().stream().flatMap(List::stream).toList();
  }

  /** Redeliveries must be identical: a consumer keeps whichever copy it saw first. */
  private void sameBytesPerId(Map<String, List<EventDelivery>> byId) {
    byId.forEach(
        (id, copies) -> {
          List<EventDelivery> distinct = new ArrayList<>();
          for (EventDelivery d : copies) {
            if (distinct.stream().noneMatch(d::sameBody)) {
              distinct.add(d);
            }
          }
          if (distinct.size() > 1) {
            found.add(
                Anomaly.of(
                    DUPLICATE_EVENTS,
                    "event "
                        + id
                        + " ("
                        + copies.getFirst().key()
                        + ") was delivered "
                        + copies.size()
                        + " times with "
                        + distinct.size()
                        + " different bodies",
                    id,
                    copies.getFirst().objectId()));
          }
        });
  }

  /** Each event type happens at most once per object (DESIGN.md invariant 6, webhooks-out.md). */
  private void oneIdPerKey() {
    idsByKey.forEach(
        (key, ids) -> {
          if (ids.size() > 1) {
            List<String> anomalyIds = new ArrayList<>();
            anomalyIds.add(key.objectId());
            anomalyIds.addAll(ids);
            found.add(
                new Anomaly(
                    DUPLICATE_EVENTS,
                    key.objectId()
                        + " was published as "
                        + key.type()
                        + " under "
                        + ids.size()
                        + " event ids: "
                        + ids,
                    anomalyIds));
          }
        });
  }

  /** One event of {@code type} if {@code happened}, none otherwise. */
  private void exactlyWhen(
      boolean happened, String type, String noun, String objectId, String status) {
    Set<String> ids = idsByKey.getOrDefault(new EventKey(type, objectId), Set.of());
    if (happened && ids.isEmpty()) {
      found.add(
          Anomaly.of(
              LOST_EVENTS,
              noun + " " + objectId + " is " + status + " but no " + type + " arrived",
              objectId));
    } else if (!happened && !ids.isEmpty()) {
      List<String> anomalyIds = new ArrayList<>();
      anomalyIds.add(objectId);
      anomalyIds.addAll(ids);
      found.add(
          new Anomaly(
              DUPLICATE_EVENTS,
              noun + " " + objectId + " is " + status + " but " + type + " was published: " + ids,
              anomalyIds));
    }
  }
}
