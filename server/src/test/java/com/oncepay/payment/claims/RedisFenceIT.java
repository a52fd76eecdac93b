package com.oncepay.payment.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.config.OncepayProperties;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.redis.FencedLocks;
import com.oncepay.redis.RedisConfig;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.RedissonObject;
import org.redisson.api.RedissonClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fence bites: holder A takes the order's lock and is paused (a latch in the strategy's test
 * hook) until its lease has run out; holder B takes the lock, claims the order, and its attempt
 * ends declined, so the order is {@code payment_failed} and a new claim is legal by status. A then
 * resumes: the status guard alone would let its stale write through, the fence must not. The naive
 * twin (the same strategy with the fence check dropped) runs the same test and is caught.
 *
 * <p>Also the liveness half: a counter that expired (or was lost in a restart) restarts below the
 * stored fence, and the next claim still goes through. Real PostgreSQL, the machine's Redis, locks
 * on objects of this run only.
 */
class RedisFenceIT {

  /** Short, so a pause outlives it quickly; the wait is shorter still (lease > wait + timeout). */
  private static final Duration LEASE = Duration.ofMillis(1_500);

  private static ClaimsDatabase db;
  private static TransactionTemplate tx;
  private static OrderRepository orders;
  private static MerchantId merchant;
  private static RedissonClient redisson;
  private static FencedLocks locks;
  private static SimpleMeterRegistry meters;
  private static FenceSql fences;
  private static ConditionalStrategy conditional;

  @BeforeAll
  static void setUp() {
    db = ClaimsDatabase.create(4, "fence");
    tx = db.tx();
    orders = db.orders();
    merchant = db.merchant();
    OncepayProperties.Redis settings =
        new OncepayProperties.Redis(
            TestRedis.url(),
            Duration.ofMillis(500),
            LEASE,
            Duration.ofMillis(500),
            Duration.ofHours(1));
    redisson = RedisConfig.connect(settings);
    meters = new SimpleMeterRegistry();
    locks = new FencedLocks(redisson, settings, meters);
    fences = new FenceSql(db.jdbc());
    conditional = new ConditionalStrategy(orders, db.payments());
  }

  @AfterAll
  static void tearDown() {
    redisson.shutdown();
    db.close();
  }

  @Test
  void aHolderPausedPastItsLeaseCannotWriteAfterItsSuccessor() throws Exception {
    pausedHolderIsRefused(fences);
  }

  @Test
  void theNaiveTwinWithoutTheFenceCheckIsCaught() {
    assertThatThrownBy(() -> pausedHolderIsRefused(new NaiveFences(fences)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the paused holder's stale claim");
  }

  /** The scenario and its assertions, for the real fence and for its naive twin. */
  private static void pausedHolderIsRefused(Fences fencesUnderTest) throws Exception {
    Order order = newOrder();
    String lockName = "oncepay:order:" + order.id().value();
    CountDownLatch aHoldsTheLock = new CountDownLatch(1);
    CountDownLatch resumeA = new CountDownLatch(1);
    RedisStrategy holderA =
        new RedisStrategy(
            locks,
            fencesUnderTest,
            conditional,
            (lock, token) -> {
              if (aHoldsTheLock.getCount() > 0) {
                aHoldsTheLock.countDown();
                await(resumeA);
              }
            });
    RedisStrategy holderB =
        new RedisStrategy(locks, fencesUnderTest, conditional, RedisStrategy.NO_PAUSE);

    try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
      Future<Optional<Order>> a = threads.submit(() -> claim(holderA, order));
      await(aHoldsTheLock);
      // A is paused with the lock; its lease runs out (nothing renews it).
      Await.until(
          Duration.ofSeconds(10),
          "A's lease to run out",
          () -> !redisson.getFencedLock(lockName).isLocked());

      Optional<Order> b = claim(holderB, order);
      assertThat(b).as("B takes the expired lock and claims the order").isPresent();
      // B's attempt is declined: the order may be claimed again, as far as its status goes.
      tx.execute(
          s ->
              orders
                  .transition(merchant, order.id(), OrderEvent.PAYMENT_DECLINED, now())
                  .orElseThrow());
      long fenceAfterB = fences.orderFence(merchant, order.id()).orElseThrow();

      resumeA.countDown();
      Optional<Order> staleA = a.get(30, TimeUnit.SECONDS);

      Order stored = orders.find(merchant, order.id()).orElseThrow();
      assertThat(staleA).as("the paused holder's stale claim (status alone allows it)").isEmpty();
      assertThat(stored.status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
      assertThat(fences.orderFence(merchant, order.id()).orElseThrow()).isEqualTo(fenceAfterB);
    }
  }

  @Test
  void aCounterThatRestartedBelowTheStoredFenceIsMovedPastIt() {
    Order order = newOrder();
    RedisStrategy strategy = new RedisStrategy(locks, fences, conditional, RedisStrategy.NO_PAUSE);
    for (int i = 0; i < 3; i++) {
      assertThat(claim(strategy, order)).isPresent();
      decline(order);
    }
    long stored = fences.orderFence(merchant, order.id()).orElseThrow();
    assertThat(stored).isGreaterThanOrEqualTo(3);
    // What a Redis restart or an expired counter leaves: no counter, so the next token is 1.
    String counter =
        RedissonObject.prefixName("redisson_lock_token", "oncepay:order:" + order.id().value());
    assertThat(redisson.getKeys().delete(counter)).isEqualTo(1);
    double before = reissued();

    assertThat(claim(strategy, order)).as("the claim after the counter reset").isPresent();

    assertThat(fences.orderFence(merchant, order.id()).orElseThrow()).isGreaterThan(stored);
    assertThat(reissued()).isEqualTo(before + 1);
    assertThat(redisson.getAtomicLong(counter).get()).isGreaterThan(stored);
  }

  /** One claim in its own transaction, as in a request. */
  private static Optional<Order> claim(RedisStrategy strategy, Order order) {
    Optional<Order> claimed = tx.execute(s -> strategy.claimOrder(merchant, order.id(), now()));
    return claimed;
  }

  private static double reissued() {
    return meters.get("oncepay.redis.fence").tag("outcome", "reissued").counter().count();
  }

  private static void decline(Order order) {
    tx.execute(
        s ->
            orders
                .transition(merchant, order.id(), OrderEvent.PAYMENT_DECLINED, now())
                .orElseThrow());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Order newOrder() {
    return db.newOrder(1000);
  }

  private static OffsetDateTime now() {
    return ClaimsDatabase.now();
  }
}
