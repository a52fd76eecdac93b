package com.oncepay.testsupport;

import com.oncepay.OncepayApplication;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another oncepay instance, a whole Spring context with its own caches, pool and listeners, on the
 * same database as the test's server: what a second process behind the balancer is to the first.
 */
public final class SecondInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private SecondInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * @param dbUrl the database (direct, or through PgBouncer)
   * @param extra further properties, e.g. {@code oncepay.db.listen-url}
   */
  public static SecondInstance start(String dbUrl, URI gateway, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("oncepay.bootstrap-api-key", ApiTestBase.API_KEY);
    properties.put("oncepay.operator.token", ApiTestBase.OPERATOR_TOKEN);
    properties.put("oncepay.home", "target/oncepay-test-home-2");
    properties.put("oncepay.db.pool-size", "5");
    properties.put("oncepay.db.url", dbUrl);
    properties.put("oncepay.db.user", TestPostgres.user());
    properties.put("oncepay.gateway.url", gateway.toString());
    properties.put("oncepay.gateway.webhook-secrets", ApiTestBase.SIM_WEBHOOK_SECRET);
    properties.put("oncepay.webhooks.allowed-networks", "127.0.0.0/8");
    properties.put("oncepay.idempotency.sweep-interval", "1h");
    properties.put("oncepay.drain-delay", "0s");
    properties.putAll(extra);
    // As command-line arguments, which win over application.yml (default properties would not).
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SecondInstance(new SpringApplicationBuilder(OncepayApplication.class).run(args));
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public Api api(String key) {
    return new Api(URI.create("http://127.0.0.1:" + port()), key);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  @Override
  public void close() {
    context.close();
  }
}
