package com.oncepay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.OncepayApplication;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Bad configuration stops start-up with a message that names what to fix. */
class OncepayPropertiesTest {

  private static Throwable startWith(Map<String, Object> properties) {
    SpringApplication app = new SpringApplication(OncepayApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setDefaultProperties(properties);
    try (var ignored = app.run()) {
      return null;
    } catch (Throwable e) {
      return e;
    }
  }

  private static String rootMessage(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @ParameterizedTest
  @CsvSource({
    "oncepay.concurrency-strategy, optimistc, ONCEPAY_CONCURRENCY_STRATEGY=optimistc is unknown",
    "oncepay.queue, kafka, ONCEPAY_QUEUE=kafka is unknown",
    "oncepay.queue, rabbitmq, ONCEPAY_QUEUE=rabbitmq needs ONCEPAY_RABBITMQ_URL",
    "oncepay.rabbitmq.prefix, has space, ONCEPAY_RABBITMQ_PREFIX must be letters",
    "oncepay.concurrency-strategy, unsafe-naive, set ONCEPAY_ALLOW_UNSAFE=true",
    "oncepay.db.url, mysql://localhost/x, must be a PostgreSQL JDBC URL",
    "oncepay.idempotency.lease, 5s, must be longer than gateway read-timeout",
    "oncepay.gateway.max-attempts, 0, max-attempts must be 1..10",
    "oncepay.gateway.url, http://gateway.example, is the public development secret",
    "oncepay.operator.token, too-short-to-guard-keys, ONCEPAY_OPERATOR_TOKEN must be at least 32",
    "oncepay.auth.failure-limit, 0, oncepay.auth.failure-limit must be at least 1",
    "oncepay.auth.key-cache-ttl, 2h, oncepay.auth.key-cache-ttl must be between 1s and 1h",
    "oncepay.concurrency-strategy, redis, ONCEPAY_CONCURRENCY_STRATEGY=redis needs ONCEPAY_REDIS_URL",
    "oncepay.redis.url, http://127.0.0.1:6379, ONCEPAY_REDIS_URL must be redis://",
    "oncepay.redis.lock-lease, 400ms, must be longer than lock-wait + timeout"
  })
  void refusesToStart(String property, String value, String message) {
    Throwable failure =
        startWith(Map.of(property, value, "oncepay.home", "target/properties-test-home"));
    assertThat(failure).isNotNull();
    assertThat(rootMessage(failure)).contains(message);
  }
}
