package com.oncepay.redis;

import com.oncepay.config.OncepayProperties;
import com.oncepay.doctor.Finding;
import com.oncepay.doctor.RedisLockSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis client of the {@code redis} strategy, created only when that strategy is chosen, after
 * the settings that would break its locks are checked. Every timeout is short and nothing is
 * retried: a Redis that is down or slow must turn into a fast 503, not a request that hangs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "oncepay.concurrency-strategy", havingValue = "redis")
public class RedisConfig {

  private static final Logger log = LoggerFactory.getLogger(RedisConfig.class);

  /**
   * The start-up check's patience: several instances starting at once on two cores have kept a
   * Redis handshake waiting over 2 s (a three-instance race-lab topology did).
   */
  private static final Duration START_UP_CHECK_TIMEOUT = Duration.ofSeconds(10);

  @Bean(destroyMethod = "shutdown")
  RedissonClient redisson(OncepayProperties properties) {
    return connect(properties.redis());
  }

  @Bean
  FencedLocks fencedLocks(
      RedissonClient redisson, OncepayProperties properties, MeterRegistry meters) {
    return new FencedLocks(redisson, properties.redis(), meters);
  }

  /**
   * Checks the Redis at {@code settings.url()} as doctor does, refuses to go on over a FAIL (not
   * reachable, an eviction policy that can drop a held lock), logs a WARN (nothing persisted: safe,
   * see {@code docs/architecture.md}), then connects.
   *
   * @throws IllegalStateException with the finding and its fix, when a setting breaks the locks
   */
  public static RedissonClient connect(OncepayProperties.Redis settings) {
    List<Finding> findings = RedisLockSettings.examine(settings.url(), START_UP_CHECK_TIMEOUT);
    for (Finding f : findings) {
      switch (f.status()) {
        case FAIL ->
            throw new IllegalStateException(
                "ONCEPAY_CONCURRENCY_STRATEGY=redis refused to start ("
                    + f.name()
                    + "): "
                    + f.finding()
                    + ". Fix: "
                    + f.fix());
        case WARN -> log.warn("{}: {}. {}", f.name(), f.finding(), f.fix());
        case OK -> log.info("{}: {}", f.name(), f.finding());
      }
    }
    return Redisson.create(config(settings));
  }

  static Config config(OncepayProperties.Redis settings) {
    URI url = settings.url();
    int timeout = Math.toIntExact(settings.timeout().toMillis());
    Config config = new Config();
    // Connections are opened at the first claim, not at start-up, where the short timeout would
    // turn a slow start on a busy machine into a refusal (the check above already saw Redis).
    config.setLazyInitialization(true);
    // Few threads: a claim blocks a virtual thread on the answer; Netty only moves bytes.
    config.setThreads(2);
    config.setNettyThreads(4);
    SingleServerConfig server =
        config
            .useSingleServer()
            .setAddress(url.getScheme() + "://" + url.getHost() + ":" + port(url))
            .setTimeout(timeout)
            .setConnectTimeout(timeout)
            .setSubscriptionTimeout(timeout)
            // No retry: an unanswered command fails after one timeout and the request gets 503.
            .setRetryAttempts(0)
            // A dead connection (Redis restarted) is noticed within a second, not at the next use.
            .setPingConnectionInterval(1_000)
            .setConnectionMinimumIdleSize(2)
            .setConnectionPoolSize(32);
    String path = url.getPath();
    if (path != null && path.length() > 1) {
      server.setDatabase(Integer.parseInt(path.substring(1)));
    }
    String userInfo = url.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        server.setPassword(userInfo);
      } else {
        if (colon > 0) {
          server.setUsername(userInfo.substring(0, colon));
        }
        server.setPassword(userInfo.substring(colon + 1));
      }
    }
    return config;
  }

  private static int port(URI url) {
    return url.getPort() > 0 ? url.getPort() : 6379;
  }
}
