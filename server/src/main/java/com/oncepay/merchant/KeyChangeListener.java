package com.oncepay.merchant;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs for {@link MerchantRepository#KEY_CHANNEL} on its own direct connection to PostgreSQL
 * (never through the pool, and never through PgBouncer, where a LISTEN does not keep its session)
 * and drops the key cache on every notification.
 *
 * <p>It also says how far the cache can be trusted. Every {@link #PROBE_INTERVAL} it runs {@code
 * SELECT 1} on the same connection: PostgreSQL sends a listening session the notifications of every
 * transaction that committed before the statement began ahead of the statement's answer, so once
 * they are handled, every key change committed before the probe started has reached the cache.
 * {@link #confirmedAtNanos} is that start; a silent or dead connection stops moving it, and the
 * cache then refuses anything older than its fallback bound instead of waiting for TCP to notice.
 */
public final class KeyChangeListener {

  private static final Logger log = LoggerFactory.getLogger(KeyChangeListener.class);
  static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

  private final String url;
  private final String user;
  private final String password;
  private final Runnable onChange;
  private volatile boolean running;
  private volatile Connection connection;
  private volatile long confirmedAtNanos = Long.MIN_VALUE;
  private Thread thread;

  public KeyChangeListener(String url, String user, String password, Runnable onChange) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.onChange = onChange;
  }

  /** {@link System#nanoTime} at which the last confirmed probe began; MIN_VALUE if none. */
  public long confirmedAtNanos() {
    return confirmedAtNanos;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("oncepay-key-listener").daemon().start(this::loop);
  }

  public void stop() throws InterruptedException {
    running = false;
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException ignored) {
        // closing to end the wait; nothing to recover
      }
    }
    thread.join(Duration.ofSeconds(5));
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (password != null) {
        props.setProperty("password", password);
      }
      props.setProperty("ApplicationName", "oncepay-key-listener");
      // A probe that does not answer within this is a dead connection: reconnect.
      props.setProperty("socketTimeout", "5");
      props.setProperty("connectTimeout", "5");
      try (Connection c = DriverManager.getConnection(url, props);
          Statement s = c.createStatement()) {
        connection = c;
        s.execute("LISTEN " + MerchantRepository.KEY_CHANNEL);
        // Changes made while nobody listened: the cache may hold any of them.
        onChange.run();
        backoff = Duration.ofMillis(200);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          long start = System.nanoTime();
          s.execute("SELECT 1");
          handle(pg.getNotifications());
          confirmedAtNanos = start;
          handle(pg.getNotifications((int) PROBE_INTERVAL.toMillis()));
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "API key listener lost its connection ({}); reconnecting in {}",
            e.getMessage(),
            backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : backoff.multipliedBy(2);
      }
    }
  }

  private void handle(PGNotification[] notifications) {
    if (notifications != null && notifications.length > 0) {
      onChange.run();
    }
  }
}
