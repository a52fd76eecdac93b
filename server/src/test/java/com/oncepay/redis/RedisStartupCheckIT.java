package com.oncepay.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.config.OncepayProperties;
import com.oncepay.testsupport.LocalPorts;
import com.oncepay.testsupport.OwnRedis;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * What the redis strategy refuses at start-up, on redis-servers of this test's own: an eviction
 * policy that can drop a held lock, and a Redis that does not answer. A Redis that keeps nothing on
 * disk is accepted (with a warning: the fence keeps it safe).
 */
class RedisStartupCheckIT {

  @TempDir Path dir;

  private static OncepayProperties.Redis settings(URI url) {
    return new OncepayProperties.Redis(
        url,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofMillis(500),
        Duration.ofDays(1));
  }

  @Test
  void anEvictingRedisIsRefused() {
    try (OwnRedis redis = OwnRedis.start(dir, "--maxmemory-policy", "allkeys-lru")) {
      assertThatThrownBy(() -> RedisConfig.connect(settings(redis.url())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("refused to start (redis-eviction)")
          .hasMessageContaining("maxmemory-policy=allkeys-lru")
          .hasMessageContaining("CONFIG SET maxmemory-policy noeviction");
    }
  }

  @Test
  void aRedisThatKeepsNothingOnDiskIsAccepted() {
    try (OwnRedis redis = OwnRedis.start(dir, "--maxmemory-policy", "noeviction")) {
      RedissonClient client = RedisConfig.connect(settings(redis.url()));
      try {
        assertThat(client.getBucket("oncepay:startup-check").isExists()).isFalse();
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void anUnreachableRedisIsRefused() {
    URI nothing = URI.create("redis://127.0.0.1:" + LocalPorts.free());
    assertThatThrownBy(() -> RedisConfig.connect(settings(nothing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused to start (redis)")
        .hasMessageContaining("no answer from Redis");
  }
}
