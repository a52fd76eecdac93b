package com.oncepay.payment.claims;

import com.oncepay.config.OncepayProperties;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.store.PaymentRepository;
import com.oncepay.redis.FencedLocks;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Chooses how payment races are decided, from ONCEPAY_CONCURRENCY_STRATEGY. */
@Configuration(proxyBeanMethods = false)
public class StrategyConfig {

  private static final Logger log = LoggerFactory.getLogger(StrategyConfig.class);

  @Bean
  ConcurrencyStrategy concurrencyStrategy(
      OncepayProperties properties,
      JdbcClient jdbc,
      OrderRepository orders,
      PaymentRepository payments,
      ObjectProvider<FencedLocks> locks,
      MeterRegistry meters) {
    OncepayProperties.Strategy strategy = properties.strategy();
    if (strategy == OncepayProperties.Strategy.UNSAFE_NAIVE) {
      log.warn(
          "UNSAFE concurrency strategy 'unsafe-naive' in use: payments WILL race."
              + " For race-lab demonstrations only.");
    }
    return new MeteredStrategy(
        create(strategy, jdbc, orders, payments, locks.getIfAvailable()),
        strategy.settingName(),
        meters);
  }

  /**
   * The implementation of each strategy; also used by the contract test to run them all.
   *
   * @param locks the Redis locks, for {@code redis} only (null otherwise)
   */
  public static ConcurrencyStrategy create(
      OncepayProperties.Strategy strategy,
      JdbcClient jdbc,
      OrderRepository orders,
      PaymentRepository payments,
      FencedLocks locks) {
    return switch (strategy) {
      case CONDITIONAL -> new ConditionalStrategy(orders, payments);
      case PESSIMISTIC -> new PessimisticStrategy(orders, payments);
      case OPTIMISTIC -> new OptimisticStrategy(orders, payments);
      case ADVISORY -> new AdvisoryLockStrategy(jdbc, orders, payments);
      case REDIS ->
          new RedisStrategy(
              Objects.requireNonNull(locks, "the redis strategy needs its Redis locks"),
              new FenceSql(jdbc),
              new ConditionalStrategy(orders, payments),
              RedisStrategy.NO_PAUSE);
      case UNSAFE_NAIVE -> new UnsafeNaiveStrategy(orders, payments);
    };
  }
}
