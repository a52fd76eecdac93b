package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(secret).matches("whsec_[0-9a-f]{64}").isNotEqualTo(WebhookEndpoint.newSecret());
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
