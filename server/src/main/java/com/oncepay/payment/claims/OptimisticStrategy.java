package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code optimistic} strategy: read the row with its version, decide in Java by the same rules
 * as the guarded writes ({@link Decisions}), then write only if the version is unchanged. A changed
 * version means someone else wrote first: read again and decide again, a bounded number of times
 * with jittered backoff; if the row keeps changing, give up as "lost" (the caller answers busy, 409
 * + Retry-After).
 */
final class OptimisticStrategy implements ConcurrencyStrategy {

  /** One try: the write won, the decision is "no", or the version moved under us. */
  private sealed interface Attempt<T> {
    record Won<T>(T value) implements Attempt<T> {}

    record Refused<T>() implements Attempt<T> {}

    record Conflict<T>() implements Attempt<T> {}
  }

  private final OrderRepository orders;
  private final PaymentRepository payments;
  private final Retry retry =
      Retry.of(
          "optimistic-claims",
          RetryConfig.<Attempt<?>>custom()
              .maxAttempts(5)
              .intervalFunction(
                  IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(2), 2.0, 0.5))
              .retryOnResult(attempt -> attempt instanceof Attempt.Conflict)
              .failAfterMaxAttempts(false)
              .build());

  OptimisticStrategy(OrderRepository orders, PaymentRepository payments) {
    this.orders = orders;
    this.payments = payments;
  }

  @SuppressWarnings("unchecked")
  private <T> Optional<T> withRetries(Supplier<Attempt<T>> attempt) {
    Attempt<T> last = (Attempt<T>) retry.executeSupplier(() -> (Attempt<?>) attempt.get());
    return last instanceof Attempt.Won<T>(T value) ? Optional.of(value) : Optional.empty();
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    return withRetries(
        () -> {
          Optional<Order> current = orders.find(merchant, order);
          if (current.isEmpty()
              || OrderStateMachine.TABLE
                  .next(current.get().status(), OrderEvent.PAYMENT_STARTED)
                  .isEmpty()) {
            return new Attempt.Refused<>();
          }
          boolean won =
              orders.transitionIfVersion(
                  merchant, order, OrderEvent.PAYMENT_STARTED, current.get().version(), now);
          return won ? new Attempt.Won<>(orders.find(merchant, order).orElseThrow()) : conflict();
        });
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return reservePending(merchant, payment, operation, amount, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return reservePending(merchant, payment, operation, 0, now);
  }

  private Optional<Payment> reservePending(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return withRetries(
        () -> {
          Optional<Payment> current = payments.find(merchant, payment);
          if (current.isEmpty() || !Decisions.mayStartPending(current.get(), amount)) {
            return new Attempt.Refused<>();
          }
          boolean won =
              payments.setPendingIfVersion(
                  merchant, payment, operation, current.get().version(), now);
          return won ? reread(merchant, payment) : conflict();
        });
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return withRetries(
        () -> {
          Optional<Payment> current = payments.find(merchant, payment);
          if (current.isEmpty() || !Decisions.mayRefund(current.get(), amount)) {
            return new Attempt.Refused<>();
          }
          long reserved = current.get().amountRefundPending() + amount;
          boolean won =
              payments.setRefundPendingIfVersion(
                  merchant, payment, reserved, current.get().version(), now);
          return won ? reread(merchant, payment) : conflict();
        });
  }

  private Attempt<Payment> reread(MerchantId merchant, PaymentId payment) {
    return new Attempt.Won<>(payments.find(merchant, payment).orElseThrow());
  }

  private static <T> Attempt<T> conflict() {
    return new Attempt.Conflict<>();
  }
}
