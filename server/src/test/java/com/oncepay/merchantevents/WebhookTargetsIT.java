package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.merchant.MerchantRepository;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The SSRF guard on the real server, configured as production is (no allowed networks): a merchant
 * cannot point its endpoint at oncepay's own machine or network, and an endpoint that resolves to
 * such an address by the time of delivery (DNS rebinding, or rules that changed) gets nothing — no
 * request is sent, and the delivery log shows why instead of what an internal service answered.
 */
@TestPropertySource(properties = "oncepay.webhooks.allowed-networks=")
class WebhookTargetsIT extends ApiTestBase {

  private static WebhookReceiver internal;

  @Autowired MerchantRepository merchants;
  @Autowired WebhookEndpointRepository endpoints;
  @Autowired Clock clock;

  @BeforeAll
  static void startReceiver() throws Exception {
    internal = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    internal.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/actuator/health",
        "http://2130706433:1/",
        "http://localhost:9/x",
        "http://[::1]:9/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.7/hooks",
        "http://192.168.1.1/hooks"
      })
  void anEndpointIntoOncepaysOwnNetworkIsRefused(String url) {
    Resp put = api().send(EndpointRequests.put(port, API_KEY, "{\"url\":\"" + url + "\"}"));
    assertThat(put.status()).as(put.toString()).isEqualTo(400);
    assertThat(put.errorCode()).isEqualTo("parameter_invalid");
    assertThat(put.text()).contains("not allowed");
  }

  @Test
  void anEndpointThatResolvesInternalAtDeliveryGetsNothing() {
    var merchant = merchants.findByApiKey(API_KEY).orElseThrow();
    // Stored as if it had passed the check when it was set (a name that resolved elsewhere then).
    endpoints.upsert(
        merchant,
        internal.url(),
        WebhookEndpoint.newSecret(),
        true,
        OffsetDateTime.now(clock),
        Duration.ZERO);
    api().createOrder("cart-" + UUID.randomUUID(), 1200);
    String error =
        Await.until(
            Duration.ofSeconds(10),
            "a delivery attempt to be logged",
            () ->
                jdbc.sql("SELECT error FROM webhook_deliveries ORDER BY id LIMIT 1")
                    .query(String.class)
                    .optional()
                    .orElse(null),
            e -> e != null);
    assertThat(error).startsWith("not sent:").contains("127.0.0.1");
    assertThat(internal.all()).as("requests that reached the internal receiver").isEmpty();
  }
}
