package com.oncepay.payment.web;

import com.oncepay.merchantevents.EventObjectRenderer;
import com.oncepay.order.model.Order;
import com.oncepay.order.web.OrderView;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.Refund;
import com.oncepay.web.Json;
import org.springframework.stereotype.Component;

/** The API's JSON of every object an event can be about, so an event shows it as GET does. */
@Component
class ApiObjects implements EventObjectRenderer {

  @Override
  public byte[] render(Object subject) {
    return Json.write(
        switch (subject) {
          case Order order -> OrderView.of(order);
          case Payment payment -> PaymentView.of(payment);
          case Refund refund -> RefundView.of(refund);
          default ->
              throw new IllegalArgumentException("no API view for " + subject.getClass().getName());
        });
  }
}
