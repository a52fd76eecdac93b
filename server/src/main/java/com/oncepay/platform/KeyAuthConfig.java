package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.merchant.ApiKeyAuthenticator;
import com.oncepay.merchant.KeyChangeListener;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.operator.OperatorAuthFilter;
import com.oncepay.persistence.DatabaseRoute;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.FailedAuthLimiter;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what: merchant keys on {@code /v1} (cached, revocations heard through a LISTEN on
 * the route's direct connection), the operator credential on {@code /operator} and the actuator,
 * and one limiter of failed authentications per client address for both.
 */
@Configuration(proxyBeanMethods = false)
class KeyAuthConfig {

  private static final Logger log = LoggerFactory.getLogger(KeyAuthConfig.class);

  /** Holds the listener, if the route has a direct URL to LISTEN on, and runs it with Spring. */
  static final class KeyListening implements SmartLifecycle {
    private final Optional<KeyChangeListener> listener;
    private volatile boolean running;

    KeyListening(Optional<KeyChangeListener> listener) {
      this.listener = listener;
    }

    long confirmedAtNanos() {
      return listener.map(KeyChangeListener::confirmedAtNanos).orElse(Long.MIN_VALUE);
    }

    @Override
    public void start() {
      listener.ifPresent(KeyChangeListener::start);
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      if (listener.isPresent()) {
        try {
          listener.get().stop();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public boolean isRunning() {
      return running;
    }
  }

  @Bean
  ApiKeyAuthenticator apiKeyAuthenticator(
      MerchantRepository merchants,
      Clock clock,
      OncepayProperties properties,
      MeterRegistry meters,
      KeyListening listening) {
    return new ApiKeyAuthenticator(
        merchants, clock, listening::confirmedAtNanos, properties.auth().keyCacheTtl(), meters);
  }

  /** Started with the context, after every bean exists: the authenticator is there to clear. */
  @Bean
  KeyListening keyListening(
      DatabaseRoute route, HikariDataSource pool, ObjectProvider<ApiKeyAuthenticator> keys) {
    Optional<KeyChangeListener> listener =
        route
            .listenUrl()
            .map(
                url ->
                    new KeyChangeListener(
                        url,
                        pool.getUsername(),
                        pool.getPassword(),
                        () -> keys.getObject().invalidateAll()));
    if (listener.isEmpty()) {
      log.info(
          "API key changes are not LISTENed for (behind a pooler without ONCEPAY_DB_LISTEN_URL):"
              + " cached keys are re-read after {}",
          ApiKeyAuthenticator.MAX_STALENESS);
    }
    return new KeyListening(listener);
  }

  @Bean
  FailedAuthLimiter failedAuthLimiter(OncepayProperties properties) {
    return new FailedAuthLimiter(
        properties.auth().failureLimit(), properties.auth().failureWindow());
  }

  @Bean
  FilterRegistrationBean<ApiKeyAuthFilter> apiKeyAuthFilter(
      ApiKeyAuthenticator authenticator, FailedAuthLimiter failures) {
    var registration = new FilterRegistrationBean<>(new ApiKeyAuthFilter(authenticator, failures));
    registration.addUrlPatterns("/v1/*");
    // After the path guard (1) and the body limit (2) of WebConfig.
    registration.setOrder(3);
    return registration;
  }

  /** Over every path: it decides by the path Tomcat normalised, as the router sees it. */
  @Bean
  FilterRegistrationBean<OperatorAuthFilter> operatorAuthFilter(
      OncepayProperties properties, FailedAuthLimiter failures) {
    var registration =
        new FilterRegistrationBean<>(new OperatorAuthFilter(properties.operator(), failures));
    registration.addUrlPatterns("/*");
    registration.setOrder(3);
    return registration;
  }
}
