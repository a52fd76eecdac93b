package com.oncepay.doctor;

import com.oncepay.config.OncepayProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings {@code serve} would run with, bound the way Spring Boot binds them (relaxed {@code
 * ONCEPAY_*} names, {@code -Doncepay.*} properties, then the defaults in application.yml and on
 * {@link OncepayProperties}) but without starting the application, so doctor sees exactly the
 * defaults and the validation errors serve would.
 */
record Settings(
    Optional<OncepayProperties> properties,
    String invalidBecause,
    Optional<OncepayProperties.Gateway> gateway,
    Optional<OncepayProperties.Idempotency> idempotency,
    int port,
    URI redisUrl,
    URI rabbitmqUrl) {

  static Settings bind(Map<String, String> env) {
    Binder binder = Binder.get(environment(env));
    int port = binder.bind("server.port", Integer.class).orElse(8080);
    // ONCEPAY_REDIS_URL and ONCEPAY_RABBITMQ_URL are the shops' services doctor checks when given;
    // read on their own too, so doctor checks them even when another setting is invalid (the redis
    // strategy binds its URL as redis.url).
    URI redis = binder.bind("oncepay.redis-url", URI.class).orElse(null);
    URI rabbitmq = binder.bind("oncepay.rabbitmq.url", URI.class).orElse(null);
    try {
      OncepayProperties properties = binder.bindOrCreate("oncepay", OncepayProperties.class);
      return new Settings(
          Optional.of(properties),
          null,
          Optional.of(properties.gateway()),
          Optional.of(properties.idempotency()),
          port,
          redis,
          rabbitmq);
    } catch (BindException e) {
      // The cross-setting rules live on OncepayProperties itself; binding its parts on their own
      // still lets doctor explain the lease rule when that is what failed.
      return new Settings(
          Optional.empty(),
          rootMessage(e),
          part(binder, "oncepay.gateway", OncepayProperties.Gateway.class),
          part(binder, "oncepay.idempotency", OncepayProperties.Idempotency.class),
          port,
          redis,
          rabbitmq);
    }
  }

  private static <T> Optional<T> part(Binder binder, String name, Class<T> type) {
    try {
      return Optional.of(binder.bindOrCreate(name, type));
    } catch (BindException e) {
      return Optional.empty();
    }
  }

  private static StandardEnvironment environment(Map<String, String> env) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object> variables = (Map) env;
    sources.replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    try {
      for (PropertySource<?> source :
          new YamlPropertySourceLoader()
              .load("application.yml", new ClassPathResource("application.yml"))) {
        sources.addLast(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read application.yml from the classpath", e);
    }
    return environment;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    // OncepayProperties says what to fix in its own IllegalArgumentException; a value that does
    // not even convert (pool size "abc") is better explained by the binder's message naming it.
    if (root.getClass() == IllegalArgumentException.class) {
      return root.getMessage();
    }
    return e.getMessage() + " (" + root.getMessage() + ")";
  }
}
