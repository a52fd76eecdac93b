package com.oncepay.payment.application;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationStateMachine;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.store.OperationRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The finalize transaction of a gateway operation: the guarded write that settles the operation row
 * (exactly one finalizer wins it), the payment and order state that follow ({@link
 * OperationEffects}), a resolution job if the outcome is still unknown, and the answer stored with
 * the key that started it, all committed together.
 */
@Component
public record FinalizeOperation(
    OperationRepository operations,
    OperationEffects effects,
    IdempotencyStore keys,
    AnswerRenderer<PaymentOutcome> renderer,
    TransactionTemplate tx,
    Clock clock) {

  private static final Logger log = LoggerFactory.getLogger(FinalizeOperation.class);

  /** In a transaction of its own: the gateway call's answer, with nothing held during the call. */
  ExecuteOperation.Execution finishInTransaction(
      Operation operation, Payment before, GatewayResult result) {
    return tx.execute(status -> finish(operation, before, result));
  }

  /** Runs inside the caller's transaction. */
  ExecuteOperation.Execution finish(Operation operation, Payment before, GatewayResult result) {
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    if (result instanceof GatewayResult.Unknown unknown) {
      log.warn("{} {}: outcome unknown ({})", operation.kind(), operation.id(), unknown.reason());
    }
    Optional<Operation> finished =
        operations.finish(
            operation.id(),
            OperationStateMachine.eventFor(result),
            reference(result),
            result instanceof GatewayResult.Declined d ? d.code() : null,
            now);
    if (finished.isEmpty()) {
      // Another executor settled it first; it also applied the effects. Only read.
      Operation settled = operation(operation.id());
      return new ExecuteOperation.Execution(
          new PaymentOutcome.Ran(settled, paymentOf(settled)), null);
    }
    Payment after = effects.apply(finished.get(), before, result, now);
    PaymentOutcome.Ran outcome = new PaymentOutcome.Ran(finished.get(), after);
    StoredAnswer answer = renderer.render(outcome);
    keys.completeForOperation(operation.id().value(), answer);
    return new ExecuteOperation.Execution(outcome, answer);
  }

  Operation operation(OperationId id) {
    return find(id).orElseThrow(() -> new IllegalStateException("no operation " + id));
  }

  Optional<Operation> find(OperationId id) {
    return operations.find(id);
  }

  Payment paymentOf(Operation operation) {
    return effects.paymentOf(operation);
  }

  /** The gateway's id for what it did, when its answer has one. */
  private static String reference(GatewayResult result) {
    return switch (result) {
      case GatewayResult.Approved a -> a.reference();
      case GatewayResult.Declined d -> d.reference();
      case GatewayResult.Pending p -> p.reference();
      case GatewayResult.Unknown u -> null;
    };
  }
}
