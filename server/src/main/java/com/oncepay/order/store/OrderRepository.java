package com.oncepay.order.store;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.persistence.DbEnum;
import com.oncepay.persistence.RowCounts;
import com.oncepay.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code orders} table, and the only class that writes SQL for it. Every read and write is
 * scoped to the merchant.
 */
@Repository
public class OrderRepository {

  private static final String COLUMNS =
      "id, merchant_id, cart_id, amount, currency, customer_email, metadata::text AS metadata,"
          + " status, version, created_at, updated_at";

  private final JdbcClient jdbc;

  public OrderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the order unless its cart already has one. The unique (merchant_id, cart_id) constraint
   * decides between concurrent inserts; there is no read-then-insert window.
   *
   * @return the new order as stored, or empty when the cart already had one
   */
  public Optional<Order> insertIfAbsent(Order order) {
    return jdbc.sql(
            """
                INSERT INTO orders (id, merchant_id, cart_id, amount, currency, customer_email,
                                    metadata, status, version, created_at, updated_at)
                VALUES (:id, :merchant, :cart, :amount, :currency, :email, :metadata::jsonb,
                        :status, 0, :now, :now)
                ON CONFLICT (merchant_id, cart_id) DO NOTHING
                RETURNING
                """
                + COLUMNS)
        .param("id", order.id().value())
        .param("merchant", order.merchant().value())
        .param("cart", order.cartId())
        .param("amount", order.amount().minor())
        .param("currency", order.amount().currencyCode())
        .param("email", order.customerEmail())
        .param("metadata", order.metadataJson())
        .param("status", order.status().dbName())
        .param("now", order.createdAt())
        .query(OrderRepository::map)
        .optional();
  }

  public Optional<Order> findByCart(MerchantId merchant, String cartId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM orders WHERE merchant_id = :merchant AND cart_id = :cart")
        .param("merchant", merchant.value())
        .param("cart", cartId)
        .query(OrderRepository::map)
        .optional();
  }

  public Optional<Order> find(MerchantId merchant, OrderId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id AND merchant_id = :merchant")
        .param("id", id.value())
        .param("merchant", merchant.value())
        .query(OrderRepository::map)
        .optional();
  }

  /**
   * Moves the order along {@code event} if, and only if, it is in one of the event's source states.
   * Zero rows means another request moved it first.
   */
  public Optional<Order> transition(
      MerchantId merchant, OrderId id, OrderEvent event, OffsetDateTime now) {
    return jdbc.sql(
            "UPDATE orders SET status = :to, version = version + 1, updated_at = :now"
                + " WHERE id = :id AND merchant_id = :merchant AND status IN (:from) RETURNING "
                + COLUMNS)
        .param("to", OrderStateMachine.TABLE.target(event).dbName())
        .param("now", now)
        .param("id", id.value())
        .param("merchant", merchant.value())
        .param("from", OrderStateMachine.TABLE.sourceNames(event))
        .query(OrderRepository::map)
        .optional();
  }

  /**
   * Row-locks the order until the transaction ends ({@code pessimistic}); bounded by lock_timeout.
   */
  public void lockForUpdate(OrderId id) {
    jdbc.sql("SELECT 1 FROM orders WHERE id = :id FOR UPDATE")
        .param("id", id.value())
        .query()
        .listOfRows();
  }

  /**
   * Moves the order along {@code event} if the row still has {@code version} ({@code optimistic}):
   * the decision was made in Java on that version, so any write since voids it.
   *
   * @return whether the write happened (false: someone wrote first; read again)
   */
  public boolean transitionIfVersion(
      MerchantId merchant, OrderId id, OrderEvent event, long version, OffsetDateTime now) {
    int updated =
        jdbc.sql(
                "UPDATE orders SET status = :to, version = version + 1, updated_at = :now"
                    + " WHERE id = :id AND merchant_id = :merchant AND version = :version")
            .param("to", OrderStateMachine.TABLE.target(event).dbName())
            .param("now", now)
            .param("id", id.value())
            .param("merchant", merchant.value())
            .param("version", version)
            .update();
    return RowCounts.atMostOne(updated, "order " + id);
  }

  /**
   * DELIBERATELY UNGUARDED, for the {@code unsafe-naive} strategy only: moves the order whatever
   * state it is in now, trusting a stale read. It exists so the race lab can show the double
   * charges that causes.
   */
  public void transitionUnguarded(OrderId id, OrderEvent event, OffsetDateTime now) {
    jdbc.sql(
            "UPDATE orders SET status = :to, version = version + 1, updated_at = :now WHERE id = :id")
        .param("to", OrderStateMachine.TABLE.target(event).dbName())
        .param("now", now)
        .param("id", id.value())
        .update();
  }

  private static Order map(ResultSet rs, int row) throws SQLException {
    return new Order(
        new OrderId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        rs.getString("cart_id"),
        Money.of(rs.getLong("amount"), rs.getString("currency")),
        rs.getString("customer_email"),
        rs.getString("metadata"),
        DbEnum.fromDb(OrderStatus.class, rs.getString("status")),
        rs.getLong("version"),
        Timestamps.utc(rs, "created_at"),
        Timestamps.utc(rs, "updated_at"));
  }
}
