package com.oncepay.payment.application;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStatus;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettledOrdersTest {

  /**
   * Derived from the order's transition table: an authorized order can still be voided (and then
   * refuses with another code), and the states a pay may claim or must retry are never settled.
   */
  @Test
  void onlyStatesThatRefuseEveryFuturePayTheSameWayAreSettled() {
    assertThat(SettledOrders.SETTLED)
        .containsExactlyInAnyOrder(
            OrderStatus.PAID,
            OrderStatus.PARTIALLY_REFUNDED,
            OrderStatus.REFUNDED,
            OrderStatus.CANCELED);
  }

  @Test
  void remembersASettledOrdersRefusalForItsMerchantOnly() {
    var settled = new SettledOrders(true);
    MerchantId merchant = new MerchantId(UUID.randomUUID());
    Order paid = order(OrderStatus.PAID);
    Rejection refusal = Rejection.of(ErrorCode.ORDER_ALREADY_PAID, "paid");

    settled.learn(merchant, paid, refusal);

    assertThat(settled.refusal(merchant, paid.id())).contains(refusal);
    assertThat(settled.refusal(new MerchantId(UUID.randomUUID()), paid.id())).isEmpty();
  }

  @Test
  void remembersNothingThatCanStillChange() {
    var settled = new SettledOrders(true);
    MerchantId merchant = new MerchantId(UUID.randomUUID());
    Order authorized = order(OrderStatus.AUTHORIZED);

    settled.learn(merchant, authorized, Rejection.of(ErrorCode.ORDER_ALREADY_PAID, "authorized"));

    assertThat(settled.refusal(merchant, authorized.id())).isEmpty();
  }

  @Test
  void remembersNothingUnderTheUnsafeStrategy() {
    var settled = new SettledOrders(false);
    MerchantId merchant = new MerchantId(UUID.randomUUID());
    Order paid = order(OrderStatus.PAID);

    settled.learn(merchant, paid, Rejection.of(ErrorCode.ORDER_ALREADY_PAID, "paid"));

    assertThat(settled.refusal(merchant, paid.id())).isEmpty();
  }

  private static Order order(OrderStatus status) {
    OffsetDateTime now = OffsetDateTime.now();
    return new Order(
        OrderId.random(), null, "cart", Money.of(1000, "EUR"), null, null, status, 3, now, now);
  }
}
