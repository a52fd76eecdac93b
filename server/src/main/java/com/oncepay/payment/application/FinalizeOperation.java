package com.oncepay.payment.application;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationStateMachine;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The finalize transaction of a gateway operation: the guarded write that settles the operation row
 * (exactly one finalizer wins it), the payment and order state that follow ({@link
 * OperationEffects}), a resolution job if the outcome is still unknown, and the answer stored with
 * the key that started it, all committed together.
 */
@Component
public class FinalizeOperation {

  private static final Logger log = LoggerFactory.getLogger(FinalizeOperation.class);

  /** How soon an operation left unknown is looked at again; the queue's policy backs off. */
  private static final Duration FIRST_RECOVERY = Duration.ofSeconds(1);

  private final OperationRepository operations;
  private final PaymentRepository payments;
  private final OperationEffects effects;
  private final IdempotencyStore keys;
  private final OutboxRepository outbox;
  private final AnswerRenderer<PaymentOutcome> renderer;
  private final Clock clock;

  FinalizeOperation(
      OperationRepository operations,
      PaymentRepository payments,
      OperationEffects effects,
      IdempotencyStore keys,
      OutboxRepository outbox,
      AnswerRenderer<PaymentOutcome> renderer,
      Clock clock) {
    this.operations = operations;
    this.payments = payments;
    this.effects = effects;
    this.keys = keys;
    this.outbox = outbox;
    this.renderer = renderer;
    this.clock = clock;
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
    if (finished.get().status() == OperationStatus.UNKNOWN) {
      // Resolved by the queue: re-sent with the same key, or looked up, until it settles.
      outbox.enqueue(JobKind.OPERATION, operation.id().value(), now.plus(FIRST_RECOVERY), now);
    }
    PaymentOutcome.Ran outcome = new PaymentOutcome.Ran(finished.get(), after);
    StoredAnswer answer = renderer.render(outcome);
    keys.completeForOperation(operation.id().value(), answer);
    return new ExecuteOperation.Execution(outcome, answer);
  }

  Operation operation(OperationId id) {
    return operations.find(id).orElseThrow(() -> new IllegalStateException("no operation " + id));
  }

  Payment paymentOf(Operation operation) {
    return payments
        .find(operation.merchant(), operation.paymentId())
        .orElseThrow(
            () -> new IllegalStateException("operation without payment: " + operation.id()));
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
