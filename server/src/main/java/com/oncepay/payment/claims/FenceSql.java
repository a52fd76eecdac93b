package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.persistence.RowCounts;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code fence} columns of orders and payments (V9): the only SQL that reads or writes them.
 * Each advance is one guarded UPDATE whose row count says whether the token was new.
 */
final class FenceSql implements Fences {

  private final JdbcClient jdbc;

  FenceSql(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean advanceOrder(MerchantId merchant, OrderId order, long token) {
    return advance("orders", merchant, order.value(), token);
  }

  @Override
  public boolean advancePayment(MerchantId merchant, PaymentId payment, long token) {
    return advance("payments", merchant, payment.value(), token);
  }

  @Override
  public OptionalLong orderFence(MerchantId merchant, OrderId order) {
    return fence("orders", merchant, order.value());
  }

  @Override
  public OptionalLong paymentFence(MerchantId merchant, PaymentId payment) {
    return fence("payments", merchant, payment.value());
  }

  private boolean advance(String table, MerchantId merchant, UUID id, long token) {
    int rows =
        jdbc.sql(
                "UPDATE "
                    + table
                    + " SET fence = :token"
                    + " WHERE id = :id AND merchant_id = :merchant AND fence < :token")
            .param("token", token)
            .param("id", id)
            .param("merchant", merchant.value())
            .update();
    return RowCounts.atMostOne(rows, table + " " + id);
  }

  private OptionalLong fence(String table, MerchantId merchant, UUID id) {
    return jdbc.sql("SELECT fence FROM " + table + " WHERE id = :id AND merchant_id = :merchant")
        .param("id", id)
        .param("merchant", merchant.value())
        .query(Long.class)
        .optional()
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }
}
