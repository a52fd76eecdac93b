package com.oncepay.payment.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.oncepay.logging.LogContext;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.order.web.OrderView;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.model.Refund;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.Responses;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** Reads: a payment, its refunds, an order with its payments. Scoped to the key's merchant. */
@RestController
record PaymentReadController(
    OrderRepository orders, PaymentRepository payments, OperationRepository operations) {

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
    OrderId id =
        OrderId.parse(orderId).orElseThrow(() -> PaymentController.notFound("order", orderId));
    LogContext.put(LogContext.ORDER_ID, id);
    var order =
        orders.find(merchant, id).orElseThrow(() -> PaymentController.notFound("order", orderId));
    List<PaymentView> views =
        payments.findByOrder(merchant, id).stream().map(PaymentView::of).toList();
    return Responses.ok(new OrderWithPayments(OrderView.of(order), views));
  }

  private Payment findPayment(MerchantId merchant, String paymentId) {
    PaymentId id =
        PaymentId.parse(paymentId)
            .orElseThrow(() -> PaymentController.notFound("payment", paymentId));
    LogContext.put(LogContext.PAYMENT_ID, id);
    return payments
        .find(merchant, id)
        .orElseThrow(() -> PaymentController.notFound("payment", paymentId));
  }

  record OrderWithPayments(@JsonUnwrapped OrderView order, List<PaymentView> payments) {}

  record RefundList(String object, List<RefundView> data) {}
}
