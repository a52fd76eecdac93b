package com.oncepay.payment.application;

import com.oncepay.gateway.GatewayEvent;
import com.oncepay.gateway.GatewayResult;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Applies what a gateway webhook says about a charge to our payment. Webhooks arrive late, twice,
 * out of order and before the API call that caused them has returned; so an event only ever settles
 * an authorization that is still open, through the same guarded finalize as a call's answer.
 * Anything else is stale (harmless) or, when it contradicts a final state, flagged for operators
 * and never applied. What the charge's status means is the adapter's converter's to say.
 */
@Service
public class ApplyGatewayCharge {

  /** What applying an event did. */
  public sealed interface Outcome {
    String note();

    record Applied(String note) implements Outcome {}

    record Stale(String note) implements Outcome {}

    record Ignored(String note) implements Outcome {}

    record Flagged(String note) implements Outcome {}
  }

  private final PaymentRepository payments;
  private final OperationRepository operations;
  private final ExecuteOperation executor;

  ApplyGatewayCharge(
      PaymentRepository payments, OperationRepository operations, ExecuteOperation executor) {
    this.payments = payments;
    this.operations = operations;
    this.executor = executor;
  }

  /** Runs inside the caller's transaction, with the event's insertion. */
  public Outcome apply(GatewayEvent event) {
    Optional<Payment> found = PaymentId.parse(event.reference()).flatMap(payments::findForGateway);
    if (found.isEmpty()) {
      return new Outcome.Ignored("no payment " + event.reference());
    }
    Payment payment = found.get();
    Optional<Operation> authorization =
        operations.findByPayment(payment.id(), OperationKind.AUTHORIZE).stream().findFirst();
    if (authorization.isEmpty()) {
      return new Outcome.Ignored("payment " + payment.id() + " has no authorization");
    }
    GatewayResult says = event.outcome();
    if (says instanceof GatewayResult.Pending || says instanceof GatewayResult.Unknown) {
      return new Outcome.Stale("charge is " + event.chargeStatus());
    }
    Operation op = authorization.get();
    if (!op.status().settled()) {
      if (says instanceof GatewayResult.Approved(String ref, boolean captured)
          && !captured
          && payment.captureMethod() == CaptureMethod.AUTOMATIC) {
        return new Outcome.Stale("authorization step of an automatic capture");
      }
      executor.settle(op.id(), says);
      return new Outcome.Applied(event.chargeStatus() + " settled " + op.id());
    }
    boolean oursFailed = payment.status() == PaymentStatus.FAILED;
    boolean gatewayDeclined = says instanceof GatewayResult.Declined;
    if (oursFailed != gatewayDeclined) {
      return new Outcome.Flagged(
          "payment "
              + payment.id()
              + " is "
              + payment.status().dbName()
              + " but the gateway says "
              + event.chargeStatus());
    }
    return new Outcome.Stale("payment already " + payment.status().dbName());
  }
}
