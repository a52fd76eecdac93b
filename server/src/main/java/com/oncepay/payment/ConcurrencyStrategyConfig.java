package com.oncepay.payment;

import com.oncepay.config.OncepayProperties;
import com.oncepay.order.OrderRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses how payment races are decided, from ONCEPAY_CONCURRENCY_STRATEGY. */
@Configuration(proxyBeanMethods = false)
class ConcurrencyStrategyConfig {

  private static final Logger log = LoggerFactory.getLogger(ConcurrencyStrategyConfig.class);

  @Bean
  PaymentClaims paymentClaims(
      OncepayProperties properties,
      JdbcClient jdbc,
      OrderRepository orders,
      PaymentRepository payments) {
    return switch (properties.concurrencyStrategy()) {
      case "conditional" -> new PaymentClaims(jdbc, orders);
      case "pessimistic" -> new PessimisticClaims(jdbc, orders);
      case "advisory" -> new AdvisoryLockClaims(jdbc, orders);
      case "optimistic" -> new OptimisticClaims(jdbc, orders, payments);
      case "unsafe-naive" -> {
        log.warn(
            "UNSAFE concurrency strategy 'unsafe-naive' in use: payments WILL race."
                + " For race-lab demonstrations only.");
        yield new UnsafeNaiveClaims(jdbc, orders, payments);
      }
      default ->
          throw new IllegalStateException(
              "no implementation for strategy " + properties.concurrencyStrategy());
    };
  }
}
