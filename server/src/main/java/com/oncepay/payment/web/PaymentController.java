package com.oncepay.payment.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotencyKey;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.logging.LogContext;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.application.CapturePayment;
import com.oncepay.payment.application.OperationCommand;
import com.oncepay.payment.application.OperationUseCase;
import com.oncepay.payment.application.PayOrder;
import com.oncepay.payment.application.PaymentOutcome;
import com.oncepay.payment.application.RefundPayment;
import com.oncepay.payment.application.VoidPayment;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.persistence.DbEnum;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.CardNumbers;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The payment requests: parse and validate, call the use case, send the answer it stored. */
@RestController
record PaymentController(
    PayOrder payOrder,
    CapturePayment capturePayment,
    VoidPayment voidPayment,
    RefundPayment refundPayment) {

  private static final Set<String> PAY_FIELDS = Set.of("payment_method", "capture", "async");
  private static final Set<String> AMOUNT_FIELDS = Set.of("amount");
  private static final Set<String> NO_FIELDS = Set.of();

  @PostMapping("/v1/orders/{orderId}/payments")
  ResponseEntity<byte[]> pay(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String orderId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    OrderId order = OrderId.parse(orderId).orElseThrow(() -> notFound("order", orderId));
    LogContext.put(LogContext.ORDER_ID, order);
    RequestBody fields = RequestBody.parse(body, PAY_FIELDS);
    String method = fields.requiredString("payment_method", 64);
    if (CardNumbers.looksLikePan(method)) {
      // Never echo it back, never store it: the message names the rule, not the value.
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          "payment_method takes a payment method token; card numbers are never accepted.",
          "payment_method");
    }
    CaptureMethod capture =
        DbEnum.fromDb(
            CaptureMethod.class,
            fields.optionalEnum("capture", Set.of("automatic", "manual"), "automatic"));
    boolean async = fields.optionalBoolean("async", false);
    return Responses.of(
        noted(
            payOrder.pay(request, new PayOrder.Command(merchant, order, method, capture, async))));
  }

  /**
   * Capture, void and refund read alike: the key, the payment id, an optional body with at most an
   * amount (none for a void), then the use case. The key header is read first, so a missing key is
   * reported before a bad body, as for every POST.
   */
  @PostMapping("/v1/payments/{paymentId}/{action:capture|void|refunds}")
  ResponseEntity<byte[]> operation(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @PathVariable String action,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    PaymentId payment =
        PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    LogContext.put(LogContext.PAYMENT_ID, payment);
    boolean isVoid = action.equals("void");
    RequestBody parsed = RequestBody.parseOptional(body, isVoid ? NO_FIELDS : AMOUNT_FIELDS);
    Long amount = isVoid ? null : parsed.optionalAmount("amount");
    OperationCommand command = new OperationCommand(merchant, payment, amount);
    OperationUseCase useCase =
        switch (action) {
          case "capture" -> capturePayment;
          case "void" -> voidPayment;
          default -> refundPayment;
        };
    return Responses.of(noted(useCase.run(request, command)));
  }

  /** The ids the request came to, for its remaining log lines (the request log's among them). */
  private static Answered<PaymentOutcome> noted(Answered<PaymentOutcome> answered) {
    if (answered instanceof Answered.Fresh<PaymentOutcome> fresh) {
      switch (fresh.result()) {
        case PaymentOutcome.Ran ran -> {
          LogContext.put(LogContext.PAYMENT_ID, ran.payment().id());
          LogContext.put(LogContext.OPERATION_ID, ran.operation().id());
        }
        case PaymentOutcome.Queued queued ->
            LogContext.put(LogContext.PAYMENT_ID, queued.payment().id());
        case PaymentOutcome.Rejected rejected -> {}
      }
    }
    return answered;
  }

  static OncepayException notFound(String what, String id) {
    return new OncepayException(ErrorCode.NOT_FOUND, "No such " + what + ": " + id);
  }
}
