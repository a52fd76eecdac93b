package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.redis.FencedLocks;
import com.oncepay.redis.RedisLockBusyException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * The {@code redis} strategy: competing requests queue on a per-order or per-payment lock in Redis
 * (with a short bounded wait, after which they have lost to the holder), and the winner writes with
 * the fencing token issued with its lock: first the fence ({@code SET fence = :token WHERE … AND
 * fence < :token}, which also takes the row lock), then the same guarded write as {@link
 * ConditionalStrategy}, in the claim transaction. A holder paused past its lease, whose successor
 * has written, finds the fence above its token and cannot write, even where the status would let
 * it. PostgreSQL still decides every race: if Redis loses every lock (a restart), two holders meet
 * at the guarded write, which lets one through.
 *
 * <p>A write refused by the fence while this holder still holds its lock means the token counter
 * restarted lower (a Redis restart, an expired counter): the counter is raised past the stored
 * fence and the write tried again with a new token, at most {@link #ATTEMPTS} times.
 */
final class RedisStrategy implements ConcurrencyStrategy {

  static final int ATTEMPTS = 3;

  /**
   * Runs between taking the lock and the fenced write: the tests' way to pause a holder past its
   * lease. Only the package-private constructor takes one; production uses {@link #NO_PAUSE}.
   */
  interface Pause {
    void beforeWrite(String lock, long token);
  }

  static final Pause NO_PAUSE = (lock, token) -> {};

  private final FencedLocks locks;
  private final Fences fences;
  private final ConditionalStrategy guarded;
  private final Pause pause;

  RedisStrategy(FencedLocks locks, Fences fences, ConditionalStrategy guarded, Pause pause) {
    this.locks = locks;
    this.fences = fences;
    this.guarded = guarded;
    this.pause = pause;
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    return fenced(
        "oncepay:order:" + order.value(),
        token -> fences.advanceOrder(merchant, order, token),
        () -> fences.orderFence(merchant, order),
        () -> guarded.claimOrder(merchant, order, now));
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return onPayment(
        merchant, payment, () -> guarded.reserveCapture(merchant, payment, operation, amount, now));
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return onPayment(
        merchant, payment, () -> guarded.reserveVoid(merchant, payment, operation, now));
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return onPayment(
        merchant, payment, () -> guarded.reserveRefund(merchant, payment, amount, now));
  }

  private Optional<Payment> onPayment(
      MerchantId merchant, PaymentId payment, Supplier<Optional<Payment>> write) {
    return fenced(
        "oncepay:payment:" + payment.value(),
        token -> fences.advancePayment(merchant, payment, token),
        () -> fences.paymentFence(merchant, payment),
        write);
  }

  private <T> Optional<T> fenced(
      String lock,
      LongPredicate advanceFence,
      Supplier<OptionalLong> storedFence,
      Supplier<Optional<T>> guardedWrite) {
    Optional<FencedLocks.Hold> held = locks.acquire(lock);
    if (held.isEmpty()) {
      // Another request is claiming this object right now: lost to it, as at a row lock; the
      // caller's read says busy (409 + Retry-After) unless the state already gives a definite no.
      return Optional.empty();
    }
    FencedLocks.Hold hold = held.get();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      pause.beforeWrite(lock, hold.token());
      if (advanceFence.test(hold.token())) {
        return guardedWrite.get();
      }
      OptionalLong fence = storedFence.get();
      if (fence.isEmpty()) {
        // No such row for this merchant: lost, and the caller's read says why (not found).
        return Optional.empty();
      }
      if (hold.reissue(fence.getAsLong()).isEmpty()) {
        // Our lease ran out and a later holder wrote: the fence refuses this stale write.
        return Optional.empty();
      }
    }
    throw new RedisLockBusyException(
        "the fence of " + lock + " stayed above new tokens after " + ATTEMPTS + " attempts");
  }
}
