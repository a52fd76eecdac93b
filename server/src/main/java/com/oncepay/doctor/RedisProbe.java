package com.oncepay.doctor;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** PINGs the Redis of ONCEPAY_REDIS_URL and reads the settings a lock depends on (Lettuce). */
final class RedisProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final URI url;
  private final Duration timeout;

  RedisProbe(URI url) {
    this(url, TIMEOUT);
  }

  RedisProbe(URI url, Duration timeout) {
    this.url = url;
    this.timeout = timeout;
  }

  List<Finding> run() {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    String where = uri.getHost() + ":" + uri.getPort();
    RedisClient client = RedisClient.create(uri);
    // One try, no reconnect loop: doctor reports an unreachable Redis, it does not wait for it.
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .build());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      redis.ping();
      List<Finding> findings = new ArrayList<>();
      findings.add(RedisRules.reachable(where, version(redis.info("server"))));
      findings.add(
          Checks.attempt(
              "redis-eviction",
              () -> RedisRules.evictionPolicy(config(redis, "maxmemory-policy"))));
      findings.add(
          Checks.attempt(
              "redis-persistence",
              () -> RedisRules.persistence(config(redis, "save"), config(redis, "appendonly"))));
      return findings;
    } catch (RuntimeException e) {
      return List.of(RedisRules.unreachable(where, Checks.message(rootCause(e))));
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static String config(RedisCommands<String, String> redis, String name) {
    Map<String, String> values = redis.configGet(name);
    if (!values.containsKey(name)) {
      throw new IllegalStateException(
          "CONFIG GET " + name + " returned nothing (renamed or denied?)");
    }
    return values.get(name);
  }

  private static String version(String info) {
    return info.lines()
        .filter(line -> line.startsWith("redis_version:"))
        .map(line -> line.substring("redis_version:".length()).strip())
        .findFirst()
        .orElse("(version unknown)");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
