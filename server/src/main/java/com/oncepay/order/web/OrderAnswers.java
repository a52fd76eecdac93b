package com.oncepay.order.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.order.application.PlaceOrderResult;
import com.oncepay.web.HttpErrors;
import com.oncepay.web.Json;
import org.springframework.stereotype.Component;

/** How a place-order result is answered over HTTP; stored with the key by the use case. */
@Component
class OrderAnswers implements AnswerRenderer<PlaceOrderResult> {

  @Override
  public StoredAnswer render(PlaceOrderResult result) {
    return switch (result) {
      case PlaceOrderResult.Created created ->
          new StoredAnswer(201, Json.write(OrderView.of(created.order())));
      case PlaceOrderResult.Existing existing ->
          new StoredAnswer(200, Json.write(OrderView.of(existing.order())));
      case PlaceOrderResult.CartConflict conflict ->
          HttpErrors.answer(
              new Rejection(
                  ErrorCode.CART_ALREADY_ORDERED,
                  "Cart "
                      + conflict.existing().cartId()
                      + " already has order "
                      + conflict.existing().id()
                      + " for a different amount or currency.",
                  "cart_id"));
    };
  }
}
