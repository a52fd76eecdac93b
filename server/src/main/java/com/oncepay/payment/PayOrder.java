package com.oncepay.payment;

import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import com.oncepay.web.ApiException;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import java.time.Duration;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** Starts the payment of an order: one winner per attempt, then authorize at the gateway. */
@Service
public class PayOrder {

  /**
   * A validated pay request. With {@code async}, the request answers 202 at once and a worker calls
   * the gateway.
   */
  public record Command(
      MerchantId merchant,
      OrderId order,
      String paymentMethod,
      CaptureMethod captureMethod,
      boolean async) {
    public Command {
      Objects.requireNonNull(merchant, "merchant");
      Objects.requireNonNull(order, "order");
      Objects.requireNonNull(paymentMethod, "paymentMethod");
      Objects.requireNonNull(captureMethod, "captureMethod");
    }
  }

  private final OperationRequests requests;
  private final PaymentClaims claims;
  private final OrderRepository orders;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  public PayOrder(
      OperationRequests requests,
      PaymentClaims claims,
      OrderRepository orders,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.claims = claims;
    this.orders = orders;
    this.payments = payments;
    this.operations = operations;
  }

  public IdempotentResponse pay(IdempotentRequest request, Command command) {
    return requests.run(
        request,
        (recordId, now) -> {
          var claimed = claims.claimOrder(command.merchant(), command.order(), now);
          if (claimed.isEmpty()) {
            return rejected(recordId, command);
          }
          Order order = claimed.get();
          Payment payment =
              payments.insert(
                  PaymentId.random(),
                  command.merchant(),
                  order.id(),
                  order.amount(),
                  command.paymentMethod(),
                  command.captureMethod(),
                  now);
          Operation authorize =
              operations.insert(
                  OperationId.random(),
                  command.merchant(),
                  payment.id(),
                  OperationKind.AUTHORIZE,
                  order.amount().minor(),
                  requests.leaseUntil(now),
                  now);
          if (command.async()) {
            return requests.enqueue(recordId, authorize, payment, now);
          }
          return requests.execute(recordId, authorize);
        });
  }

  /** The claim was lost; say why. Only definite answers are stored with the key. */
  private OperationRequests.Step rejected(java.util.UUID recordId, Command command) {
    Order order =
        orders
            .find(command.merchant(), command.order())
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "No such order: " + command.order()));
    return switch (order.status()) {
      case AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED ->
          requests.store(
              recordId,
              Json.error(
                  new ApiException(
                      ErrorCode.ORDER_ALREADY_PAID, "Order " + order.id() + " is already paid.")));
      case CANCELED ->
          requests.store(
              recordId,
              Json.error(
                  new ApiException(
                      ErrorCode.ORDER_NOT_PAYABLE, "Order " + order.id() + " was canceled.")));
      // In flight or unknown, or it changed since our claim: the same request may succeed later.
      case PAYMENT_PROCESSING, PENDING_PAYMENT, PAYMENT_FAILED ->
          throw ApiException.retryLater(
              ErrorCode.ORDER_BUSY,
              "Order " + order.id() + " has a payment in progress; retry later.",
              Duration.ofSeconds(1));
    };
  }
}
