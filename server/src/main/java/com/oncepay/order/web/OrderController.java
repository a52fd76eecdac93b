package com.oncepay.order.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotencyKey;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.logging.LogContext;
import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.application.PlaceOrder;
import com.oncepay.order.application.PlaceOrderCommand;
import com.oncepay.order.application.PlaceOrderResult;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

  private static final Set<String> FIELDS =
      Set.of("cart_id", "amount", "currency", "customer_email", "metadata");

  private final PlaceOrder placeOrder;

  OrderController(PlaceOrder placeOrder) {
    this.placeOrder = placeOrder;
  }

  @PostMapping("/v1/orders")
  ResponseEntity<byte[]> place(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestHeader(value = IdempotencyKey.HEADER, required = false) String key,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    IdempotentRequest request =
        IdempotentRequest.of(merchant, key, "POST", http.getRequestURI(), body);
    RequestBody fields = RequestBody.parse(body, FIELDS);
    String email = fields.optionalString("customer_email", 254);
    if (email != null && (email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1)) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          "customer_email is not an e-mail address.",
          "customer_email");
    }
    var metadata = fields.optionalMetadata("metadata");
    PlaceOrderCommand command =
        new PlaceOrderCommand(
            merchant,
            fields.requiredString("cart_id", 255),
            Money.of(fields.requiredAmount("amount"), fields.requiredCurrency("currency")),
            email,
            metadata == null ? null : metadata.toString());
    Answered<PlaceOrderResult> answered = placeOrder.place(request, command);
    if (answered instanceof Answered.Fresh<PlaceOrderResult> fresh) {
      // For the request's remaining log lines (the request log's among them).
      LogContext.put(
          LogContext.ORDER_ID,
          switch (fresh.result()) {
            case PlaceOrderResult.Created created -> created.order().id();
            case PlaceOrderResult.Existing existing -> existing.order().id();
            case PlaceOrderResult.CartConflict conflict -> conflict.existing().id();
          });
    }
    return Responses.of(answered);
  }
}
