package com.oncepay.payment.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotencyKey;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.order.web.OrderView;
import com.oncepay.payment.application.CapturePayment;
import com.oncepay.payment.application.OperationCommand;
import com.oncepay.payment.application.PayOrder;
import com.oncepay.payment.application.PaymentOutcome;
import com.oncepay.payment.application.RefundPayment;
import com.oncepay.payment.application.VoidPayment;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.model.Refund;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The payment endpoints: parse and validate, call the use case, send the answer it stored. */
@RestController
class PaymentController {

  private static final Set<String> PAY_FIELDS = Set.of("payment_method", "capture", "async");
  private static final Set<String> AMOUNT_FIELDS = Set.of("amount");
  private static final Set<String> NO_FIELDS = Set.of();

  private final PayOrder payOrder;
  private final CapturePayment capturePayment;
  private final VoidPayment voidPayment;
  private final RefundPayment refundPayment;
  private final OrderRepository orders;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  PaymentController(
      PayOrder payOrder,
      CapturePayment capturePayment,
      VoidPayment voidPayment,
      RefundPayment refundPayment,
      OrderRepository orders,
      PaymentRepository payments,
      OperationRepository operations) {
    this.payOrder = payOrder;
    this.capturePayment = capturePayment;
    this.voidPayment = voidPayment;
    this.refundPayment = refundPayment;
    this.orders = orders;
    this.payments = payments;
    this.operations = operations;
  }

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
    RequestBody fields = RequestBody.parse(body, PAY_FIELDS);
    String method = fields.requiredString("payment_method", 64);
    CaptureMethod capture =
        CaptureMethod.fromDb(
            fields.optionalEnum("capture", Set.of("automatic", "manual"), "automatic"));
    boolean async = fields.optionalBoolean("async", false);
    return Responses.of(
        payOrder.pay(request, new PayOrder.Command(merchant, order, method, capture, async)));
  }

  @PostMapping("/v1/payments/{paymentId}/capture")
  ResponseEntity<byte[]> capture(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    return operation(merchant, key, paymentId, body, http, AMOUNT_FIELDS, capturePayment::capture);
  }

  @PostMapping("/v1/payments/{paymentId}/void")
  ResponseEntity<byte[]> voidPayment(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    return operation(merchant, key, paymentId, body, http, NO_FIELDS, voidPayment::voidPayment);
  }

  @PostMapping("/v1/payments/{paymentId}/refunds")
  ResponseEntity<byte[]> refund(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    return operation(merchant, key, paymentId, body, http, AMOUNT_FIELDS, refundPayment::refund);
  }

  /**
   * Capture, void and refund read alike: the key, the payment id, an optional body with at most an
   * amount, then the use case. The key header is read first, so a missing key is reported before a
   * bad body, as for every POST.
   */
  private static ResponseEntity<byte[]> operation(
      MerchantId merchant,
      String key,
      String paymentId,
      byte[] body,
      HttpServletRequest http,
      Set<String> fields,
      BiFunction<IdempotentRequest, OperationCommand, Answered<PaymentOutcome>> useCase) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    PaymentId payment =
        PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    RequestBody parsed = RequestBody.parseOptional(body, fields);
    Long amount = fields.isEmpty() ? null : parsed.optionalAmount("amount");
    return Responses.of(useCase.apply(request, new OperationCommand(merchant, payment, amount)));
  }

  @GetMapping("/v1/payments/{paymentId}")
  ResponseEntity<byte[]> getPayment(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String paymentId) {
    return Responses.ok(PaymentView.of(findPayment(merchant, paymentId)));
  }

  @GetMapping("/v1/payments/{paymentId}/refunds")
  ResponseEntity<byte[]> listRefunds(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String paymentId) {
    Payment payment = findPayment(merchant, paymentId);
    List<RefundView> refunds =
        operations.findByPayment(payment.id(), OperationKind.REFUND).stream()
            .map(refund -> RefundView.of(new Refund(refund, payment)))
            .toList();
    return Responses.ok(new RefundList("list", refunds));
  }

  @GetMapping("/v1/orders/{orderId}")
  ResponseEntity<byte[]> getOrder(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String orderId) {
    OrderId id = OrderId.parse(orderId).orElseThrow(() -> notFound("order", orderId));
    var order = orders.find(merchant, id).orElseThrow(() -> notFound("order", orderId));
    List<PaymentView> views =
        payments.findByOrder(merchant, id).stream().map(PaymentView::of).toList();
    return Responses.ok(new OrderWithPayments(OrderView.of(order), views));
  }

  private Payment findPayment(MerchantId merchant, String paymentId) {
    PaymentId id = PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    return payments.find(merchant, id).orElseThrow(() -> notFound("payment", paymentId));
  }

  private static OncepayException notFound(String what, String id) {
    return new OncepayException(ErrorCode.NOT_FOUND, "No such " + what + ": " + id);
  }

  record OrderWithPayments(@JsonUnwrapped OrderView order, List<PaymentView> payments) {}

  record RefundList(String object, List<RefundView> data) {}
}
