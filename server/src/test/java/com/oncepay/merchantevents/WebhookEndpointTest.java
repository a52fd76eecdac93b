package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.merchant.MerchantId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookEndpointTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example/hooks",
        "http://127.0.0.1:8081/hooks?src=oncepay",
        "HTTPS://SHOP.EXAMPLE",
        "http://[::1]:9000/h"
      })
  void targets(String url) {
    assertThat(WebhookEndpoint.target(url)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/hooks",
        "ftp://shop.example",
        "http:/shop.example",
        "http://",
        "mailto:a@b.c",
        "http://shop.example:0/",
        "http://shop.example:65536/",
        "http://a b/",
        "javascript:alert(1)"
      })
  void notTargets(String url) {
    assertThat(WebhookEndpoint.target(url)).isEmpty();
  }

  @Test
  void secretsAreFreshAndShaped() {
    String secret = WebhookEndpoint.newSecret();
    assertThat(secret)
        .matches("whsec_[A-Za-z0-9+/]{43}=")
        .isNotEqualTo(WebhookEndpoint.newSecret());
    assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
  }

  @Test
  void thePreviousSecretSignsUntilItsExpiryOnly() {
    OffsetDateTime rotated = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    OffsetDateTime expires = rotated.plusHours(24);
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            new MerchantId(UUID.randomUUID()),
            "https://shop.example/hooks",
            "whsec_new",
            "whsec_old",
            expires,
            rotated.minusDays(3),
            rotated);

    assertThat(endpoint.signingSecrets(rotated.toInstant()))
        .containsExactly("whsec_new", "whsec_old");
    assertThat(endpoint.signingSecrets(expires.minusNanos(1).toInstant()))
        .containsExactly("whsec_new", "whsec_old");
    assertThat(endpoint.signingSecrets(expires.toInstant())).containsExactly("whsec_new");
    assertThat(endpoint.signingSecrets(expires.plusDays(1).toInstant()))
        .containsExactly("whsec_new");

    WebhookEndpoint never =
        new WebhookEndpoint(
            endpoint.merchant(), endpoint.url(), "whsec_only", null, null, rotated, rotated);
    assertThat(never.signingSecrets(rotated.toInstant())).isEqualTo(List.of("whsec_only"));
  }

  @Test
  void eventIds() {
    UUID uuid = UUID.randomUUID();
    assertThat(new EventId(uuid).toString()).isEqualTo("evt_" + uuid);
    assertThat(EventId.parse("evt_" + uuid)).contains(new EventId(uuid));
    assertThat(EventId.parse(uuid.toString())).isEmpty();
    assertThat(EventId.parse("evt_nope")).isEmpty();
    assertThat(EventId.parse(null)).isEmpty();
  }
}
