package com.oncepay.lab.check;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Everything a scenario was told by the API, collected from many threads at once. The checker
 * compares it with the final state: an answer the service gave is a promise it must keep.
 */
public final class Observations {

  /**
   * A 200/201 answer to {@code POST /v1/orders}. {@code status} is 0 when only the order is known.
   */
  public record PlaceAnswer(
      String cartId, String key, int status, String orderId, boolean replayed) {}

  /** A 201/202 answer to a pay request. */
  public record PayAnswer(
      String orderId,
      String key,
      int status,
      String paymentId,
      String paymentStatus,
      boolean replayed) {}

  /** A 200 answer to a capture; {@code requested} is null for "capture everything". */
  public record CaptureAnswer(
      String paymentId, String key, Long requested, PaymentSnapshot after, boolean replayed) {}

  /** A 200 answer to a void. */
  public record VoidAnswer(String paymentId, String key, PaymentSnapshot after, boolean replayed) {}

  /** A 201/202 answer to a refund. */
  public record RefundAnswer(
      String paymentId, String key, RefundSnapshot refund, boolean replayed) {}

  /**
   * One exact answer to a keyed POST, reduced to digests: enough to prove two answers were (not)
   * byte-identical without keeping every body.
   *
   * @param requestDigest SHA-256 of the request body: same key + same digest must replay exactly
   * @param errorCode the error code when the answer is an error, else null
   * @param bodyDigest SHA-256 of the answer body
   * @param excerpt the start of the answer body, for people
   */
  public record RawAnswer(
      String method,
      String path,
      String key,
      String requestDigest,
      int status,
      String errorCode,
      String bodyDigest,
      String excerpt,
      boolean replayed) {}

  private final Queue<PlaceAnswer> places = new ConcurrentLinkedQueue<>();
  private final Queue<PayAnswer> pays = new ConcurrentLinkedQueue<>();
  private final Queue<CaptureAnswer> captures = new ConcurrentLinkedQueue<>();
  private final Queue<VoidAnswer> voids = new ConcurrentLinkedQueue<>();
  private final Queue<RefundAnswer> refunds = new ConcurrentLinkedQueue<>();
  private final Queue<RawAnswer> raw = new ConcurrentLinkedQueue<>();
  private final Queue<PaymentSnapshot> paymentSnapshots = new ConcurrentLinkedQueue<>();
  private final Set<String> carts = ConcurrentHashMap.newKeySet();
  private final Set<String> orders = ConcurrentHashMap.newKeySet();
  private final Set<String> payments = ConcurrentHashMap.newKeySet();
  private final Set<String> refundTargets = ConcurrentHashMap.newKeySet();

  public void cart(String cartId) {
    carts.add(cartId);
  }

  public void order(String orderId) {
    if (orderId != null) {
      orders.add(orderId);
    }
  }

  public void payment(String paymentId) {
    if (paymentId != null) {
      payments.add(paymentId);
    }
  }

  /** A refund was attempted on the payment (whatever came back): its refund list is checked. */
  public void refundAttempted(String paymentId) {
    payment(paymentId);
    refundTargets.add(paymentId);
  }

  public void saw(PaymentSnapshot snapshot) {
    paymentSnapshots.add(snapshot);
    payment(snapshot.id());
    order(snapshot.orderId());
  }

  public void placed(PlaceAnswer answer) {
    places.add(answer);
    cart(answer.cartId());
    order(answer.orderId());
  }

  public void paid(PayAnswer answer) {
    pays.add(answer);
    order(answer.orderId());
    payment(answer.paymentId());
  }

  public void captured(CaptureAnswer answer) {
    captures.add(answer);
    saw(answer.after());
  }

  public void voided(VoidAnswer answer) {
    voids.add(answer);
    saw(answer.after());
  }

  public void refunded(RefundAnswer answer) {
    refunds.add(answer);
    refundAttempted(answer.paymentId());
  }

  public void raw(RawAnswer answer) {
    raw.add(answer);
  }

  public List<PlaceAnswer> places() {
    return List.copyOf(places);
  }

  public List<PayAnswer> pays() {
    return List.copyOf(pays);
  }

  public List<CaptureAnswer> captures() {
    return List.copyOf(captures);
  }

  public List<VoidAnswer> voids() {
    return List.copyOf(voids);
  }

  public List<RefundAnswer> refunds() {
    return List.copyOf(refunds);
  }

  public List<RawAnswer> rawAnswers() {
    return List.copyOf(raw);
  }

  public List<PaymentSnapshot> paymentSnapshots() {
    return List.copyOf(paymentSnapshots);
  }

  public Set<String> carts() {
    return Set.copyOf(carts);
  }

  public Set<String> orders() {
    return Set.copyOf(orders);
  }

  public Set<String> payments() {
    return Set.copyOf(payments);
  }

  public Set<String> refundTargets() {
    return Set.copyOf(refundTargets);
  }
}
