package com.oncepay.payment;

import com.oncepay.gateway.GatewayResult;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Applies what a gateway webhook says about a charge to our payment. Webhooks arrive late, twice,
 * out of order and before the API call that caused them has returned; so an event only ever settles
 * an authorization that is still open, through the same guarded finalize as a call's answer.
 * Anything else is stale (harmless) or, when it contradicts a final state, flagged for operators
 * and never applied.
 */
@Service
public class ApplyGatewayCharge {

  /** The charge as the event shows it. */
  public record ChargeSnapshot(
      String chargeId, String reference, String status, String declineCode) {}

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

  public ApplyGatewayCharge(
      PaymentRepository payments, OperationRepository operations, ExecuteOperation executor) {
    this.payments = payments;
    this.operations = operations;
    this.executor = executor;
  }

  /** Runs inside the caller's transaction, with the event's insertion. */
  public Outcome apply(ChargeSnapshot charge) {
    Optional<Payment> found = PaymentId.parse(charge.reference()).flatMap(payments::findForGateway);
    if (found.isEmpty()) {
      return new Outcome.Ignored("no payment " + charge.reference());
    }
    Payment payment = found.get();
    Optional<Operation> authorization =
        operations.findByPayment(payment.id(), OperationKind.AUTHORIZE).stream().findFirst();
    if (authorization.isEmpty()) {
      return new Outcome.Ignored("payment " + payment.id() + " has no authorization");
    }
    GatewayResult says = gatewayView(charge);
    if (says instanceof GatewayResult.Pending || says instanceof GatewayResult.Unknown) {
      return new Outcome.Stale("charge is " + charge.status());
    }
    Operation op = authorization.get();
    if (!op.status().settled()) {
      if (says instanceof GatewayResult.Approved(String ref, boolean captured)
          && !captured
          && payment.captureMethod() == CaptureMethod.AUTOMATIC) {
        return new Outcome.Stale("authorization step of an automatic capture");
      }
      executor.settle(op.id(), says);
      return new Outcome.Applied(charge.status() + " settled " + op.id());
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
              + charge.status());
    }
    return new Outcome.Stale("payment already " + payment.status().dbName());
  }

  private static GatewayResult gatewayView(ChargeSnapshot charge) {
    return switch (charge.status()) {
      case "pending" -> new GatewayResult.Pending(charge.chargeId());
      case "declined" ->
          new GatewayResult.Declined(
              charge.declineCode() == null ? "card_declined" : charge.declineCode(),
              charge.chargeId());
      case "authorized", "voided" -> new GatewayResult.Approved(charge.chargeId(), false);
      case "captured", "refunded", "partially_refunded" ->
          new GatewayResult.Approved(charge.chargeId(), true);
      default -> new GatewayResult.Unknown("unfamiliar status " + charge.status());
    };
  }
}
