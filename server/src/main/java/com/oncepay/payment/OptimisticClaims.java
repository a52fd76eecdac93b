package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderEvent;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import com.oncepay.order.OrderStateMachine;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code optimistic} strategy: read the row with its version, decide, then write only if the
 * version is unchanged ({@code … AND version = ?}). A changed version means someone else wrote
 * first: read again and decide again, a bounded number of times with jittered backoff; if the row
 * keeps changing, give up as "lost" (the caller answers busy, 409 + Retry-After).
 */
class OptimisticClaims extends PaymentClaims {

  /** One try: the write won, the decision is "no", or the version moved under us. */
  private sealed interface Attempt<T> {
    record Won<T>(T value) implements Attempt<T> {}

    record Refused<T>() implements Attempt<T> {}

    record Conflict<T>() implements Attempt<T> {}
  }

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

  OptimisticClaims(JdbcClient jdbc, OrderRepository orders, PaymentRepository payments) {
    super(jdbc, orders);
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
          int updated =
              jdbc.sql(
                      "UPDATE orders SET status = 'payment_processing', version = version + 1,"
                          + " updated_at = :now WHERE id = :id AND version = :version")
                  .param("now", now)
                  .param("id", order.value())
                  .param("version", current.get().version())
                  .update();
          return updated == 1
              ? new Attempt.Won<>(orders.find(merchant, order).orElseThrow())
              : new Attempt.Conflict<>();
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
          if (current.isEmpty()
              || current.get().status() != PaymentStatus.AUTHORIZED
              || current.get().pendingOperation() != null
              || current.get().amountCaptured() + amount > current.get().amountAuthorized()) {
            return new Attempt.Refused<>();
          }
          return versioned(
              merchant,
              payment,
              current.get().version(),
              "pending_operation_id = :value",
              operation.value(),
              now);
        });
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return withRetries(
        () -> {
          Optional<Payment> current = payments.find(merchant, payment);
          if (current.isEmpty()
              || !PaymentStateMachine.TABLE
                  .sources(PaymentEvent.PARTIALLY_REFUNDED)
                  .contains(current.get().status())
              || current.get().refundable() < amount) {
            return new Attempt.Refused<>();
          }
          return versioned(
              merchant,
              payment,
              current.get().version(),
              "amount_refund_pending = :value",
              current.get().amountRefundPending() + amount,
              now);
        });
  }

  private Attempt<Payment> versioned(
      MerchantId merchant,
      PaymentId payment,
      long version,
      String assignment,
      Object value,
      OffsetDateTime now) {
    int updated =
        jdbc.sql(
                "UPDATE payments SET "
                    + assignment
                    + ", version = version + 1, updated_at = :now"
                    + " WHERE id = :id AND version = :version")
            .param("value", value)
            .param("now", now)
            .param("id", payment.value())
            .param("version", version)
            .update();
    return updated == 1
        ? new Attempt.Won<>(payments.find(merchant, payment).orElseThrow())
        : new Attempt.Conflict<>();
  }
}
