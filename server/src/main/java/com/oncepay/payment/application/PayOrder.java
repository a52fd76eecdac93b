package com.oncepay.payment.application;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

  /** Why each definite refusal refuses, after "Order ord_…". */
  private static final Map<ErrorCode, String> REASONS =
      Map.of(
          ErrorCode.ORDER_ALREADY_PAID, " is already paid.",
          ErrorCode.ORDER_NOT_PAYABLE, " was canceled.");

  private final PaymentRequests requests;
  private final ConcurrencyStrategy strategy;
  private final OrderRepository orders;
  private final SettledOrders settled;

  PayOrder(
      PaymentRequests requests,
      ConcurrencyStrategy strategy,
      OrderRepository orders,
      SettledOrders settled) {
    this.requests = requests;
    this.strategy = strategy;
    this.orders = orders;
    this.settled = settled;
  }

  public Answered<PaymentOutcome> pay(IdempotentRequest request, Command command) {
    return requests.run(request, now -> claim(command, now));
  }

  private Claimed claim(Command command, OffsetDateTime now) {
    // A settled order refuses every pay the same way: no claim to try, no order to read.
    Optional<Rejection> settledRefusal = settled.refusal(command.merchant(), command.order());
    if (settledRefusal.isPresent()) {
      return new Claimed.Refused(settledRefusal.get());
    }
    var claimed = strategy.claimOrder(command.merchant(), command.order(), now);
    if (claimed.isEmpty()) {
      return new Claimed.Refused(rejected(command));
    }
    Order order = claimed.get();
    Payment payment =
        requests.newPayment(
            command.merchant(), order, command.paymentMethod(), command.captureMethod(), now);
    Operation authorize =
        requests.start(
            OperationId.random(),
            command.merchant(),
            payment.id(),
            OperationKind.AUTHORIZE,
            order.amount().minor(),
            now);
    return command.async()
        ? new Claimed.Queue(authorize, payment)
        : new Claimed.Run(authorize, payment);
  }

  /** The claim was lost; say why. Only definite answers are stored with the key. */
  private Rejection rejected(Command command) {
    Order order =
        orders
            .find(command.merchant(), command.order())
            .orElseThrow(
                () ->
                    new OncepayException(ErrorCode.NOT_FOUND, "No such order: " + command.order()));
    Rejection rejection =
        refusalIn(order.status())
            .map(code -> Rejection.of(code, "Order " + order.id() + REASONS.get(code)))
            // In flight or unknown, or it changed since our claim: the same request may succeed
            // later.
            .orElseThrow(
                () ->
                    OncepayException.retryLater(
                        ErrorCode.ORDER_BUSY,
                        "Order " + order.id() + " has a payment in progress; retry later.",
                        Rejections.BUSY_RETRY));
    settled.learn(command.merchant(), order, rejection);
    return rejection;
  }

  /** A pay's definite refusal in each order state; empty where a pay may win or should retry. */
  static Optional<ErrorCode> refusalIn(OrderStatus status) {
    return switch (status) {
      case AUTHORIZED, PAID, PARTIALLY_REFUNDED, REFUNDED ->
          Optional.of(ErrorCode.ORDER_ALREADY_PAID);
      case CANCELED -> Optional.of(ErrorCode.ORDER_NOT_PAYABLE);
      case PAYMENT_PROCESSING, PENDING_PAYMENT, PAYMENT_FAILED -> Optional.empty();
    };
  }
}
