package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_endpoints} table: one endpoint per merchant, keyed by the merchant. The only
 * class that writes SQL for it.
 */
@Repository
public class WebhookEndpointRepository {

  private static final String COLUMNS =
      "merchant_id, url, secret, previous_secret, previous_secret_expires_at, created_at,"
          + " updated_at";

  private final JdbcClient jdbc;

  WebhookEndpointRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Sets the merchant's endpoint in one statement, so concurrent PUTs cannot both insert. The
   * secret is kept unless {@code rotate}; {@code newSecret} is used only for a new endpoint or a
   * rotation. A rotation with a positive {@code overlap} keeps the replaced secret as the previous
   * one until {@code now + overlap} (replacing any earlier previous secret: at most two sign); with
   * a zero overlap it drops it. A new endpoint has no previous secret.
   */
  WebhookEndpoint upsert(
      MerchantId merchant,
      String url,
      String newSecret,
      boolean rotate,
      OffsetDateTime now,
      Duration overlap) {
    // Every expression of DO UPDATE SET reads the row as it was before this statement, so
    // webhook_endpoints.secret below is the secret being replaced.
    return jdbc.sql(
            """
            INSERT INTO webhook_endpoints (merchant_id, url, secret, created_at, updated_at)
            VALUES (:merchant, :url, :secret, :now, :now)
            ON CONFLICT (merchant_id) DO UPDATE
               SET url = EXCLUDED.url,
                   secret = CASE WHEN :rotate THEN EXCLUDED.secret
                                 ELSE webhook_endpoints.secret END,
                   previous_secret =
                       CASE WHEN :rotate AND :keepPrevious THEN webhook_endpoints.secret
                            WHEN :rotate THEN NULL
                            ELSE webhook_endpoints.previous_secret END,
                   previous_secret_expires_at =
                       CASE WHEN :rotate AND :keepPrevious THEN :previousExpiresAt
                            WHEN :rotate THEN NULL
                            ELSE webhook_endpoints.previous_secret_expires_at END,
                   updated_at = EXCLUDED.updated_at
            RETURNING
            """
                + COLUMNS)
        .param("merchant", merchant.value())
        .param("url", url)
        .param("secret", newSecret)
        .param("rotate", rotate)
        .param("keepPrevious", overlap.isPositive())
        .param("previousExpiresAt", now.plus(overlap))
        .param("now", now)
        .query(WebhookEndpointRepository::map)
        .single();
  }

  Optional<WebhookEndpoint> find(MerchantId merchant) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE merchant_id = :merchant")
        .param("merchant", merchant.value())
        .query(WebhookEndpointRepository::map)
        .optional();
  }

  /**
   * The condition "the merchant in {@code merchantColumn} has an endpoint", for a statement that
   * queues an event's delivery only then, in the same round trip as the event (EventStore).
   */
  static String hasEndpointSql(String merchantColumn) {
    return "EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.merchant_id = "
        + merchantColumn
        + ")";
  }

  /**
   * @return whether there was an endpoint to delete
   */
  boolean delete(MerchantId merchant) {
    int rows =
        jdbc.sql("DELETE FROM webhook_endpoints WHERE merchant_id = :merchant")
            .param("merchant", merchant.value())
            .update();
    if (rows > 1) {
      throw new IllegalStateException(rows + " webhook endpoints deleted for " + merchant);
    }
    return rows == 1;
  }

  private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
    return new WebhookEndpoint(
        new MerchantId(rs.getObject("merchant_id", java.util.UUID.class)),
        rs.getString("url"),
        rs.getString("secret"),
        rs.getString("previous_secret"),
        rs.getObject("previous_secret_expires_at", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }
}
