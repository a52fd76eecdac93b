package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.money.Money;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.store.PaymentRepository;
import com.oncepay.testsupport.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh migrated database of the claims tests' own, with one merchant, and its repositories. */
record ClaimsDatabase(
    HikariDataSource pool,
    JdbcClient jdbc,
    TransactionTemplate tx,
    OrderRepository orders,
    PaymentRepository payments,
    MerchantId merchant)
    implements AutoCloseable {

  static ClaimsDatabase create(int poolSize, String merchantName) {
    String url = TestPostgres.createDatabase();
    Flyway.configure()
        .dataSource(url, TestPostgres.user(), null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(TestPostgres.user());
    config.setMaximumPoolSize(poolSize);
    // The same fail-fast limit as the service: a lock wait is bounded.
    config.addDataSourceProperty("options", "-c lock_timeout=5000");
    HikariDataSource pool = new HikariDataSource(config);
    JdbcClient jdbc = JdbcClient.create(pool);
    return new ClaimsDatabase(
        pool,
        jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(pool)),
        new OrderRepository(jdbc),
        new PaymentRepository(jdbc),
        new MerchantRepository(jdbc, Clock.systemUTC()).ensure(merchantName, "sk_" + merchantName));
  }

  /** A new order of {@code amount} EUR, pending payment. */
  Order newOrder(long amount) {
    OffsetDateTime now = now();
    return orders
        .insertIfAbsent(
            new Order(
                OrderId.random(),
                merchant,
                "cart-" + UUID.randomUUID(),
                Money.of(amount, "EUR"),
                null,
                null,
                OrderStatus.PENDING_PAYMENT,
                0,
                now,
                now))
        .orElseThrow();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public void close() {
    pool.close();
  }
}
