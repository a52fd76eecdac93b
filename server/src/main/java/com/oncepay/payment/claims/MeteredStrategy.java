package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.meters.Buckets;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.redis.RedisUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Times every claim of the strategy in use: how long a request waited to learn whether it won
 * (every strategy's waiting is in there: for a row lock, an advisory lock, or optimistic retries)
 * and how it ended. A claim that hit {@code lock_timeout} or {@code statement_timeout} is counted
 * with that outcome before the exception goes on to become a 503.
 */
final class MeteredStrategy implements ConcurrencyStrategy {

  static final String METRIC = "oncepay.claims";

  /** A guarded write alone takes a millisecond; a queue on a hot row takes up to lock_timeout. */
  static final Duration[] BUCKETS =
      Buckets.ofMillis(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000);

  private final ConcurrencyStrategy strategy;
  private final String name;
  private final MeterRegistry meters;

  MeteredStrategy(ConcurrencyStrategy strategy, String name, MeterRegistry meters) {
    this.strategy = strategy;
    this.name = name;
    this.meters = meters;
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    return timed("order", () -> strategy.claimOrder(merchant, order, now));
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return timed(
        "capture", () -> strategy.reserveCapture(merchant, payment, operation, amount, now));
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return timed("void", () -> strategy.reserveVoid(merchant, payment, operation, now));
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return timed("refund", () -> strategy.reserveRefund(merchant, payment, amount, now));
  }

  private <T> Optional<T> timed(String claim, Supplier<Optional<T>> call) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      Optional<T> result = call.get();
      outcome = result.isPresent() ? "won" : "lost";
      return result;
    } catch (PessimisticLockingFailureException e) {
      outcome = "lock_timeout";
      throw e;
    } catch (QueryTimeoutException e) {
      outcome = "statement_timeout";
      throw e;
    } catch (RedisUnavailableException e) {
      outcome = "redis_unavailable";
      throw e;
    } finally {
      Timer.builder(METRIC)
          .description("time for a claim to be decided, lock waits included")
          .serviceLevelObjectives(BUCKETS)
          .tag("strategy", name)
          .tag("claim", claim)
          .tag("outcome", outcome)
          .register(meters)
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
