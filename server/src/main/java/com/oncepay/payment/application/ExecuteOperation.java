package com.oncepay.payment.application;

import com.oncepay.admission.Admission;
import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.logging.LogContext;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.payment.model.Payment;
import com.oncepay.persistence.TransientFailures;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs one gateway operation to its outcome: the gateway call with no transaction and no pooled
 * connection held, then one finalize transaction ({@link FinalizeOperation}).
 *
 * <p>Safe to run twice for the same operation, concurrently or after a crash: the gateway sees the
 * same key both times, and only one finalize wins the guarded write on the operation row. The
 * request, the queue's workers and the recovery sweeper all run operations through here.
 *
 * <p>When the database goes away mid-run (it restarts, the pooler is cut), the run is not dropped:
 * a gateway answer is finalized again in the background as soon as the database answers, and an
 * operation that could not even be read before its gateway call is run again then, so it is
 * definite seconds after the outage rather than when its lease runs out and the sweeper re-sends
 * it.
 */
@Service
public class ExecuteOperation {

  public static final String QUEUE_TO_GATEWAY_METRIC = "oncepay.queue.to_gateway";

  private static final Duration RETRY_MAX_WAIT = Duration.ofSeconds(2);

  /**
   * An operation run: where it stands now, and the answer this run stored for its key ({@code null}
   * when another run had finalized it first).
   */
  public record Execution(PaymentOutcome.Ran outcome, StoredAnswer stored) {}

  private static final Logger log = LoggerFactory.getLogger(ExecuteOperation.class);

  private final PaymentGateway gateway;
  private final Admission admission;
  private final FinalizeOperation finalize;
  private final Timer queueToGateway;
  private final RetryConfig untilTheDatabaseAnswers;
  private final Set<OperationId> resuming = ConcurrentHashMap.newKeySet();

  public ExecuteOperation(
      PaymentGateway gateway,
      Admission admission,
      FinalizeOperation finalize,
      MeterRegistry meters,
      OncepayProperties properties) {
    this.gateway = gateway;
    this.admission = admission;
    this.finalize = finalize;
    // Until the operation's lease runs out; after that the recovery sweeper re-sends it anyway.
    OncepayProperties.Gateway g = properties.gateway();
    Duration lease = g.readTimeout().multipliedBy(g.maxAttempts()).plus(g.leaseMargin());
    this.untilTheDatabaseAnswers =
        RetryConfig.custom()
            .maxAttempts(3 + (int) (lease.toMillis() / RETRY_MAX_WAIT.toMillis()))
            .intervalFunction(
                IntervalFunction.ofExponentialBackoff(Duration.ofMillis(250), 2, RETRY_MAX_WAIT))
            .retryOnException(TransientFailures::isTransient)
            .build();
    this.queueToGateway =
        Timer.builder(QUEUE_TO_GATEWAY_METRIC)
            .description(
                "time from the transaction that queued an operation to its first gateway call")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  public Execution execute(OperationId id) {
    return execute(id, false).orElseThrow(() -> new IllegalStateException("no operation " + id));
  }

  /**
   * The queue's entry: the same run, and for an operation never yet sent (an async payment's
   * authorization) the delay from its enqueuing transaction to this gateway call is recorded.
   *
   * @return empty when there is no such operation; else the run, whose operation is as this run
   *     left it (settled, or still unknown)
   */
  public Optional<Execution> executeQueued(OperationId id) {
    return execute(id, true);
  }

  /**
   * The request's own run of the operation its claim just committed: the claim's rows are what the
   * database holds (the operation is new, the payment reserved by it), so they are not read again.
   */
  public Execution executeClaimed(Operation operation, Payment payment) {
    try (LogContext.Scope ids = LogContext.with(LogContext.OPERATION_ID, operation.id())) {
      return run(operation, payment, false, ids);
    }
  }

  private Optional<Execution> execute(OperationId id, boolean queued) {
    // Every line of the run names its operation, payment and order, in a request or a worker.
    try (LogContext.Scope ids = LogContext.with(LogContext.OPERATION_ID, id)) {
      Optional<Operation> operation;
      Payment payment;
      try {
        operation = finalize.find(id);
        if (operation.isEmpty()) {
          return Optional.empty();
        }
        payment = finalize.paymentOf(operation.get());
      } catch (RuntimeException e) {
        // The operation exists (its claim committed) but the database went away before the
        // gateway was called: run it again, same gateway key, once the database answers.
        againInBackground(id, "run", e, () -> execute(id));
        throw e;
      }
      return Optional.of(run(operation.get(), payment, queued, ids));
    }
  }

  private Execution run(
      Operation operation, Payment payment, boolean queued, LogContext.Scope ids) {
    ids.and(LogContext.PAYMENT_ID, payment.id()).and(LogContext.ORDER_ID, payment.orderId());
    if (operation.status().settled()) {
      return new Execution(new PaymentOutcome.Ran(operation, payment), null);
    }
    if (queued && operation.status() == OperationStatus.PROCESSING) {
      queueToGateway.record(
          Duration.between(operation.createdAt(), OffsetDateTime.now(finalize.clock())));
    }
    // A request's running slot is free for another while this one waits for the gateway.
    GatewayResult result = admission.away(() -> call(operation, payment));
    try {
      return finalize.finishInTransaction(operation, payment, result);
    } catch (RuntimeException e) {
      // The gateway answered: keep its answer and finalize it once the database answers.
      againInBackground(
          operation.id(),
          "finalize",
          e,
          () -> finalize.finishInTransaction(operation, payment, result));
      throw e;
    }
  }

  /**
   * When {@code failure} is the database being away, does {@code work} in the background as soon as
   * it answers again, at most once at a time per operation; the caller still gets its failure
   * (503). Past the operation's lease the recovery sweeper takes over anyway.
   */
  private void againInBackground(
      OperationId id, String what, RuntimeException failure, Supplier<Execution> work) {
    if (!TransientFailures.isTransient(failure) || !resuming.add(id)) {
      return;
    }
    Retry retry = Retry.of(what + "-" + id, untilTheDatabaseAnswers);
    Thread.ofVirtual()
        .name("oncepay-" + what + "-again")
        .start(
            () -> {
              try (LogContext.Scope ids = LogContext.with(LogContext.OPERATION_ID, id)) {
                Retry.decorateSupplier(retry, work).get();
                log.info("operation {}: {} done after the database came back", id, what);
              } catch (RuntimeException e) {
                log.warn(
                    "operation {}: {} failed again ({}); the recovery sweeper will resend it",
                    id,
                    what,
                    e.toString());
              } finally {
                resuming.remove(id);
              }
            });
  }

  /**
   * Settles an operation with an outcome learnt another way (a gateway webhook), through the same
   * guarded finalize as a call's answer. Joins the caller's transaction.
   */
  public void settle(OperationId id, GatewayResult result) {
    try (LogContext.Scope ids = LogContext.with(LogContext.OPERATION_ID, id)) {
      finalize
          .tx()
          .executeWithoutResult(
              status -> {
                Operation operation = finalize.operation(id);
                finalize.finish(operation, finalize.paymentOf(operation), result);
              });
    }
  }

  private GatewayResult call(Operation operation, Payment payment) {
    String key = operation.id().gatewayKey();
    if (operation.kind() == OperationKind.AUTHORIZE
        && operation.status() == OperationStatus.UNKNOWN
        && operation.gatewayRef() != null) {
      // The gateway accepted it as pending: ask how it ended rather than send it again.
      return gateway.retrieve(operation.gatewayRef());
    }
    return switch (operation.kind()) {
      case AUTHORIZE ->
          gateway.authorize(
              new PaymentGateway.AuthorizeCall(
                  key,
                  payment.id().toString(),
                  payment.orderId().toString(),
                  operation.amount(),
                  payment.amount().currencyCode(),
                  payment.paymentMethod(),
                  payment.captureMethod() == CaptureMethod.AUTOMATIC));
      case CAPTURE ->
          gateway.capture(
              new PaymentGateway.CaptureCall(key, payment.gatewayChargeId(), operation.amount()));
      case VOID -> gateway.voidCharge(new PaymentGateway.VoidCall(key, payment.gatewayChargeId()));
      case REFUND ->
          gateway.refund(
              new PaymentGateway.RefundCall(key, payment.gatewayChargeId(), operation.amount()));
    };
  }
}
