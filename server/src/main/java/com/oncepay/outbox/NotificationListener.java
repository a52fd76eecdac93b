package com.oncepay.outbox;

import com.oncepay.persistence.DatabaseRoute;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs for {@link OutboxRepository#CHANNEL} on a dedicated connection, outside the pool (a
 * LISTEN is session state, which a pooled or PgBouncer-shared connection must not carry), and wakes
 * the dispatcher, so new work starts in milliseconds rather than after a poll interval. Behind a
 * pooler it connects to {@link DatabaseRoute#listenUrl()}, a direct URL; with none it is not
 * started. Losing the connection only costs latency: the dispatcher also polls.
 */
public final class NotificationListener {

  private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

  private final HikariDataSource pool;
  private final String url;
  private final Wakeup wakeup;
  private volatile boolean running;
  private volatile Connection connection;
  private Thread thread;

  /** The listener of the route's direct URL, if it has one (none: polling only). */
  public static Optional<NotificationListener> forRoute(
      HikariDataSource pool, DatabaseRoute route, Wakeup wakeup) {
    return route.listenUrl().map(url -> new NotificationListener(pool, url, wakeup));
  }

  /** The user and password are the pool's; the URL is the route's direct one. */
  private NotificationListener(HikariDataSource pool, String url, Wakeup wakeup) {
    this.pool = pool;
    this.url = url;
    this.wakeup = wakeup;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("oncepay-outbox-listener").daemon().start(this::loop);
  }

  public void stop() throws InterruptedException {
    running = false;
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (SQLException ignored) {
        // closing to interrupt the wait; nothing to recover
      }
    }
    thread.join(Duration.ofSeconds(5));
  }

  private void loop() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try (Connection c = DriverManager.getConnection(url, pool.getUsername(), pool.getPassword());
          Statement s = c.createStatement()) {
        connection = c;
        s.execute("LISTEN " + OutboxRepository.CHANNEL);
        backoff = Duration.ofMillis(200);
        // Work may have been queued while we were not listening.
        wakeup.signal();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null && notifications.length > 0) {
            wakeup.signal();
          }
        }
      } catch (SQLException e) {
        if (!running) {
          return;
        }
        log.warn(
            "outbox listener lost its connection ({}); reconnecting in {}",
            e.getMessage(),
            backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }
}
