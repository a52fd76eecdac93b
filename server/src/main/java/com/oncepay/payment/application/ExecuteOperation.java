package com.oncepay.payment.application;

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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * Runs one gateway operation to its outcome: the gateway call with no transaction and no pooled
 * connection held, then one finalize transaction ({@link FinalizeOperation}).
 *
 * <p>Safe to run twice for the same operation, concurrently or after a crash: the gateway sees the
 * same key both times, and only one finalize wins the guarded write on the operation row. The
 * request, the queue's workers and the recovery sweeper all run operations through here.
 */
@Service
public class ExecuteOperation {

  public static final String QUEUE_TO_GATEWAY_METRIC = "oncepay.queue.to_gateway";

  /**
   * An operation run: where it stands now, and the answer this run stored for its key ({@code null}
   * when another run had finalized it first).
   */
  public record Execution(PaymentOutcome.Ran outcome, StoredAnswer stored) {}

  private final PaymentGateway gateway;
  private final FinalizeOperation finalize;
  private final Timer queueToGateway;

  public ExecuteOperation(
      PaymentGateway gateway, FinalizeOperation finalize, MeterRegistry meters) {
    this.gateway = gateway;
    this.finalize = finalize;
    this.queueToGateway =
        Timer.builder(QUEUE_TO_GATEWAY_METRIC)
            .description(
                "time from the transaction that queued an operation to its first gateway call")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  public Execution execute(OperationId id) {
    return execute(id, false);
  }

  /**
   * The queue's entry: the same run, and for an operation never yet sent (an async payment's
   * authorization) the delay from its enqueuing transaction to this gateway call is recorded.
   */
  public Execution executeQueued(OperationId id) {
    return execute(id, true);
  }

  private Execution execute(OperationId id, boolean queued) {
    // Every line of the run names its operation, payment and order, in a request or a worker.
    try (LogContext.Scope ids = LogContext.with(LogContext.OPERATION_ID, id)) {
      Operation operation = finalize.operation(id);
      Payment payment = finalize.paymentOf(operation);
      ids.and(LogContext.PAYMENT_ID, payment.id()).and(LogContext.ORDER_ID, payment.orderId());
      if (operation.status().settled()) {
        return new Execution(new PaymentOutcome.Ran(operation, payment), null);
      }
      if (queued && operation.status() == OperationStatus.PROCESSING) {
        queueToGateway.record(
            Duration.between(operation.createdAt(), OffsetDateTime.now(finalize.clock())));
      }
      GatewayResult result = call(operation, payment);
      return finalize.finishInTransaction(operation, payment, result);
    }
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

  /** The current state of an operation, for a caller that needs to know whether it settled. */
  public OperationStatus status(OperationId id) {
    return finalize.operation(id).status();
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
