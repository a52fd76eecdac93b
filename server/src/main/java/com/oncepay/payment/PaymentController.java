package com.oncepay.payment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.oncepay.idempotency.IdempotencyKey;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.merchant.ApiKeyAuthFilter;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import com.oncepay.order.OrderView;
import com.oncepay.web.ApiException;
import com.oncepay.web.ApiResponse;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

  private static final Set<String> PAY_FIELDS = Set.of("payment_method", "capture", "async");
  private static final Set<String> AMOUNT_FIELDS = Set.of("amount");

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
    return payOrder
        .pay(request, new PayOrder.Command(merchant, order, method, capture, async))
        .toEntity();
  }

  @PostMapping("/v1/payments/{paymentId}/capture")
  ResponseEntity<byte[]> capture(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    PaymentId payment =
        PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    Long amount = RequestBody.parseOptional(body, AMOUNT_FIELDS).optionalAmount("amount");
    return capturePayment
        .capture(request, new CapturePayment.Command(merchant, payment, amount))
        .toEntity();
  }

  @PostMapping("/v1/payments/{paymentId}/void")
  ResponseEntity<byte[]> voidPayment(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    PaymentId payment =
        PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    RequestBody.parseOptional(body, Set.of());
    return voidPayment.voidPayment(request, new VoidPayment.Command(merchant, payment)).toEntity();
  }

  @PostMapping("/v1/payments/{paymentId}/refunds")
  ResponseEntity<byte[]> refund(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @PathVariable String paymentId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    PaymentId payment =
        PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    Long amount = RequestBody.parseOptional(body, AMOUNT_FIELDS).optionalAmount("amount");
    return refundPayment
        .refund(request, new RefundPayment.Command(merchant, payment, amount))
        .toEntity();
  }

  @GetMapping("/v1/payments/{paymentId}")
  ResponseEntity<byte[]> getPayment(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String paymentId) {
    Payment payment = findPayment(merchant, paymentId);
    return Responses.of(new ApiResponse(200, Json.write(PaymentView.of(payment))));
  }

  @GetMapping("/v1/payments/{paymentId}/refunds")
  ResponseEntity<byte[]> listRefunds(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String paymentId) {
    Payment payment = findPayment(merchant, paymentId);
    List<RefundView> refunds =
        operations.findByPayment(payment.id(), OperationKind.REFUND).stream()
            .map(refund -> RefundView.of(refund, payment))
            .toList();
    return Responses.of(new ApiResponse(200, Json.write(new RefundList("list", refunds))));
  }

  @GetMapping("/v1/orders/{orderId}")
  ResponseEntity<byte[]> getOrder(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String orderId) {
    OrderId id = OrderId.parse(orderId).orElseThrow(() -> notFound("order", orderId));
    var order = orders.find(merchant, id).orElseThrow(() -> notFound("order", orderId));
    List<PaymentView> views =
        payments.findByOrder(merchant, id).stream().map(PaymentView::of).toList();
    return Responses.of(
        new ApiResponse(200, Json.write(new OrderWithPayments(OrderView.of(order), views))));
  }

  private Payment findPayment(MerchantId merchant, String paymentId) {
    PaymentId id = PaymentId.parse(paymentId).orElseThrow(() -> notFound("payment", paymentId));
    return payments.find(merchant, id).orElseThrow(() -> notFound("payment", paymentId));
  }

  private static ApiException notFound(String what, String id) {
    return new ApiException(ErrorCode.NOT_FOUND, "No such " + what + ": " + id);
  }

  record OrderWithPayments(@JsonUnwrapped OrderView order, List<PaymentView> payments) {}

  record RefundList(String object, List<RefundView> data) {}
}
