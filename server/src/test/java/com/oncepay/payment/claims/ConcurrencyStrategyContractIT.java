package com.oncepay.payment.claims;

import com.oncepay.config.OncepayProperties;
import com.oncepay.config.OncepayProperties.Strategy;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;
import com.oncepay.redis.FencedLocks;
import com.oncepay.redis.RedisConfig;
import com.oncepay.testsupport.Race;
import com.oncepay.testsupport.RaceRounds;
import com.oncepay.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redisson.api.RedissonClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one contract every {@link ConcurrencyStrategy} must keep, run against each of them on the
 * real PostgreSQL with real threads released at once, each claim in its own transaction as in a
 * request: one winner per order attempt; one capture or void in flight per payment (and never both,
 * when they race each other); concurrent refunds that never add up to more than was captured, with
 * no reservation lost. {@code unsafe-naive} runs the same races and must be caught. The {@code
 * redis} strategy's locks are taken on the machine's Redis (127.0.0.1:6379).
 */
class ConcurrencyStrategyContractIT {

  private static final int RACERS = 40;
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private static ClaimsDatabase db;
  private static JdbcClient jdbc;
  private static TransactionTemplate tx;
  private static OrderRepository orders;
  private static PaymentRepository payments;
  private static MerchantId merchant;
  private static RedissonClient redisson;
  private static FencedLocks locks;

  @BeforeAll
  static void database() {
    db = ClaimsDatabase.create(RACERS, "contract");
    jdbc = db.jdbc();
    tx = db.tx();
    orders = db.orders();
    payments = db.payments();
    merchant = db.merchant();
    // The redis strategy's locks on the machine's Redis: every lock is on an object of this run.
    OncepayProperties.Redis settings =
        new OncepayProperties.Redis(
            TestRedis.url(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofMillis(500),
            Duration.ofHours(1));
    redisson = RedisConfig.connect(settings);
    locks = new FencedLocks(redisson, settings, new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() {
    redisson.shutdown();
    db.close();
  }

  private static ConcurrencyStrategy strategy(Strategy strategy) {
    return StrategyConfig.create(strategy, jdbc, orders, payments, locks);
  }

  private static List<String> allRaces(ConcurrencyStrategy strategy) {
    List<String> found = new ArrayList<>();
    found.addAll(payRace(strategy));
    found.addAll(captureRace(strategy));
    found.addAll(voidRace(strategy));
    found.addAll(captureVersusVoidRace(strategy));
    found.addAll(refundRace(strategy));
    return found;
  }

  @ParameterizedTest
  @EnumSource(value = Strategy.class, names = "UNSAFE_NAIVE", mode = EnumSource.Mode.EXCLUDE)
  void everyStrategyKeepsTheContract(Strategy name) {
    ConcurrencyStrategy strategy = strategy(name);
    RaceRounds.noViolations(3, () -> allRaces(strategy));
  }

  @Test
  void theNaiveTwinIsCaught() {
    ConcurrencyStrategy naive = strategy(Strategy.UNSAFE_NAIVE);
    RaceRounds.caughtWithin(10, "unsafe-naive strategy", () -> allRaces(naive));
  }

  /** Everyone tries to start the payment of one order: exactly one may. */
  private static List<String> payRace(ConcurrencyStrategy strategy) {
    Order order = newOrder(5000);
    long won =
        count(
            Race.run(
                RACERS,
                DEADLINE,
                i -> claim(() -> strategy.claimOrder(merchant, order.id(), now()))));
    return won == 1 ? List.of() : List.of("pay: " + won + " claims of one order won");
  }

  /** Concurrent captures of an authorized payment: one in flight at a time, so one wins. */
  private static List<String> captureRace(ConcurrencyStrategy strategy) {
    Payment payment = authorized(5000, false);
    long won =
        count(
            Race.run(
                RACERS,
                DEADLINE,
                i ->
                    claim(
                        () ->
                            strategy.reserveCapture(
                                merchant, payment.id(), OperationId.random(), 100, now()))));
    return won == 1 ? List.of() : List.of("capture: " + won + " captures in flight at once");
  }

  private static List<String> voidRace(ConcurrencyStrategy strategy) {
    Payment payment = authorized(5000, false);
    long won =
        count(
            Race.run(
                RACERS,
                DEADLINE,
                i ->
                    claim(
                        () ->
                            strategy.reserveVoid(
                                merchant, payment.id(), OperationId.random(), now()))));
    return won == 1 ? List.of() : List.of("void: " + won + " voids in flight at once");
  }

  /** Half capture, half void, all at once: a payment is captured or voided, never both. */
  private static List<String> captureVersusVoidRace(ConcurrencyStrategy strategy) {
    Payment payment = authorized(5000, false);
    long won =
        count(
            Race.run(
                RACERS,
                DEADLINE,
                i ->
                    claim(
                        () ->
                            i % 2 == 0
                                ? strategy.reserveCapture(
                                    merchant, payment.id(), OperationId.random(), 5000, now())
                                : strategy.reserveVoid(
                                    merchant, payment.id(), OperationId.random(), now()))));
    return won == 1 ? List.of() : List.of("capture vs void: " + won + " winners");
  }

  /**
   * 40 refunds of 300 on 9,000 captured: at most 30 fit. Whatever wins, the reservation the row
   * holds must be exactly what the winners reserved (a lost update shows as less) and never more
   * than was captured.
   */
  private static List<String> refundRace(ConcurrencyStrategy strategy) {
    Payment payment = authorized(9000, true);
    long won =
        count(
            Race.run(
                RACERS,
                DEADLINE,
                i -> claim(() -> strategy.reserveRefund(merchant, payment.id(), 300, now()))));
    long reserved = payments.find(merchant, payment.id()).orElseThrow().amountRefundPending();
    List<String> found = new ArrayList<>();
    if (won > 30) {
      found.add("refund: " + won + " refunds of 300 reserved on 9000");
    }
    if (reserved != won * 300) {
      found.add("refund: " + won + " winners but " + reserved + " reserved (lost update)");
    }
    return found;
  }

  /** One claim in its own transaction; a lock timeout or serialization loss counts as "lost". */
  private static <T> boolean claim(Supplier<Optional<T>> claim) {
    try {
      return Boolean.TRUE.equals(tx.execute(status -> claim.get().isPresent()));
    } catch (org.springframework.dao.DataAccessException lost) {
      return false;
    }
  }

  private static long count(List<Boolean> results) {
    return results.stream().filter(Boolean::booleanValue).count();
  }

  private static Order newOrder(long amount) {
    return db.newOrder(amount);
  }

  /** A payment authorized (and with {@code captured}, captured) for {@code amount}. */
  private static Payment authorized(long amount, boolean captured) {
    Order order = newOrder(amount);
    return tx.execute(
        status -> {
          orders.transition(merchant, order.id(), OrderEvent.PAYMENT_STARTED, now()).orElseThrow();
          Payment payment =
              payments.insert(
                  PaymentId.random(),
                  merchant,
                  order.id(),
                  order.amount(),
                  "pm_ok",
                  captured ? CaptureMethod.AUTOMATIC : CaptureMethod.MANUAL,
                  now());
          PaymentEvent event =
              captured ? PaymentEvent.AUTHORIZED_AND_CAPTURED : PaymentEvent.AUTHORIZED;
          return payments
              .settleAuthorization(
                  payment.id(),
                  event,
                  amount,
                  captured ? amount : 0,
                  "ch_" + payment.id(),
                  null,
                  now())
              .orElseThrow();
        });
  }

  private static OffsetDateTime now() {
    return ClaimsDatabase.now();
  }
}
