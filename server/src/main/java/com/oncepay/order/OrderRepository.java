package com.oncepay.order;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Orders in PostgreSQL; every read and write is scoped to the merchant. */
@Repository
public class OrderRepository {

  static final String COLUMNS =
      "id, merchant_id, cart_id, amount, currency, customer_email, metadata::text AS metadata,"
          + " status, version, created_at, updated_at";

  protected final JdbcClient jdbc;

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

  static Order map(ResultSet rs, int row) throws SQLException {
    return new Order(
        new OrderId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        rs.getString("cart_id"),
        Money.of(rs.getLong("amount"), rs.getString("currency")),
        rs.getString("customer_email"),
        rs.getString("metadata"),
        OrderStatus.fromDb(rs.getString("status")),
        rs.getLong("version"),
        utc(rs.getObject("created_at", OffsetDateTime.class)),
        utc(rs.getObject("updated_at", OffsetDateTime.class)));
  }

  static OffsetDateTime utc(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
