package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.config.OncepayProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables docs/webhooks-out.md documents really set the webhook settings. */
class WebhookSettingsTest {

  private static OncepayProperties.Worker bind(Map<String, Object> env) {
    return properties(env).worker();
  }

  private static OncepayProperties properties(Map<String, Object> env) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("oncepay", OncepayProperties.class);
  }

  @Test
  void documentedVariablesBind() {
    OncepayProperties.Worker worker =
        bind(
            Map.of(
                "ONCEPAY_WORKER_WEBHOOK_TIMEOUT", "3s",
                "ONCEPAY_WORKER_WEBHOOK_RETRY_INITIAL", "30s",
                "ONCEPAY_WORKER_WEBHOOK_RETRY_MULTIPLIER", "3",
                "ONCEPAY_WORKER_WEBHOOK_RETRY_MAX", "2h",
                "ONCEPAY_WORKER_WEBHOOK_RETRY_MAX_ATTEMPTS", "25"));
    assertThat(worker.webhookTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(worker.webhookRetry())
        .isEqualTo(new OncepayProperties.Retry(Duration.ofSeconds(30), 3, Duration.ofHours(2), 25));
  }

  @Test
  void canonicalVariablesBindToo() {
    OncepayProperties.Worker worker = bind(Map.of("ONCEPAY_WORKER_WEBHOOKRETRY_MAXATTEMPTS", "7"));
    assertThat(worker.webhookRetry().maxAttempts()).isEqualTo(7);
  }

  @Test
  void secretOverlapAndLegacyHeaders() {
    OncepayProperties.Webhooks defaults = properties(Map.of()).webhooks();
    assertThat(defaults.secretOverlap()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.legacyHeaders()).isTrue();

    OncepayProperties.Webhooks set =
        properties(
                Map.of(
                    "ONCEPAY_WEBHOOKS_SECRET_OVERLAP", "90m",
                    "ONCEPAY_WEBHOOKS_LEGACY_HEADERS", "false"))
            .webhooks();
    assertThat(set.secretOverlap()).isEqualTo(Duration.ofMinutes(90));
    assertThat(set.legacyHeaders()).isFalse();
    assertThat(properties(Map.of("ONCEPAY_WEBHOOKS_SECRET_OVERLAP", "0s")).webhooks())
        .extracting(OncepayProperties.Webhooks::secretOverlap)
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void anOverlapOutOfRangeStopsStartUpSayingWhatToFix() {
    for (String bad : new String[] {"-1s", "31d"}) {
      assertThatThrownBy(() -> properties(Map.of("ONCEPAY_WEBHOOKS_SECRET_OVERLAP", bad)))
          .as(bad)
          .rootCause()
          .hasMessageContaining("ONCEPAY_WEBHOOKS_SECRET_OVERLAP")
          .hasMessageContaining("between 0s");
    }
  }
}
