package com.oncepay.outbox.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.ids.PrefixedIds;
import com.oncepay.outbox.JobRunner;
import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.DelegatingGateway;
import com.oncepay.testsupport.SecondInstance;
import com.oncepay.testsupport.TestRabbitMq;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * ONCEPAY_QUEUE=rabbitmq on the machine's real RabbitMQ, with queues of this class's own: the
 * failures the issue names, each ending in exactly one charge. Leases are short so that takeovers
 * happen in seconds.
 */
@TestPropertySource(
    properties = {
      "oncepay.queue=rabbitmq",
      "oncepay.rabbitmq.url=" + TestRabbitMq.URL,
      "oncepay.rabbitmq.delivery-limit=" + RabbitQueueIT.DELIVERY_LIMIT,
      "oncepay.rabbitmq.confirm-timeout=1s",
      "oncepay.rabbitmq.republish-after=4s",
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=1",
      "oncepay.gateway.lease-margin=1s",
      "oncepay.idempotency.lease=3s",
      "oncepay.worker.recovery-interval=500ms",
      "oncepay.worker.lease=2s",
      "oncepay.worker.shutdown-grace=1s",
      "oncepay.worker.operation-retry.initial=100ms",
      "oncepay.worker.operation-retry.max=500ms"
    })
@Import(RabbitQueueIT.Hooks.class)
class RabbitQueueIT extends ApiTestBase {

  static final String PREFIX = TestRabbitMq.uniquePrefix("queue");

  /**
   * The default. A connection reset restarts every consumer of the instance, and while they come
   * back one message can be handed to and returned from several of them within milliseconds, each
   * return counting against the limit: with a limit of 5 the redelivery test saw its message
   * dead-lettered straight after the reset in 2 of 4 runs of this class.
   */
  static final int DELIVERY_LIMIT = 20;

  @DynamicPropertySource
  static void prefix(DynamicPropertyRegistry registry) {
    registry.add("oncepay.rabbitmq.prefix", () -> PREFIX);
  }

  @Autowired OutboxRelay relay;
  @Autowired JobRunner runner;
  @Autowired MeterRegistry meters;
  @Autowired Parking parking;

  @Autowired
  @Qualifier("oncepayJobConsumers")
  SimpleMessageListenerContainer consumers;

  @AfterEach
  void everythingRunsAgain() {
    parking.releaseAll();
    if (!relay.isRunning()) {
      relay.start();
    }
    if (!consumers.isRunning()) {
      consumers.start();
    }
  }

  @AfterAll
  static void deleteQueues() {
    TestRabbitMq.deleteTopology(TestRabbitMq.URL, PREFIX);
  }

  @Test
  void anAsyncPaymentIsRelayedConfirmedConsumedAndAcked() {
    double confirmed = count(QueueMetrics.PUBLISHED, "outcome", "confirmed");
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    assertThat(pay(order, "k-basic").status()).isEqualTo(202);
    awaitPaid(order);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    Await.until(Duration.ofSeconds(5), "job done", () -> jobStatus(order).equals("done"));
    assertThat(count(QueueMetrics.PUBLISHED, "outcome", "confirmed")).isGreaterThan(confirmed);
    // Acked: nothing is left in the queue.
    Await.until(
        Duration.ofSeconds(5),
        "queue empty",
        () -> TestRabbitMq.readyMessages(TestRabbitMq.URL, PREFIX) == 0);
  }

  /**
   * The consumer charges, then its channel closes before the ack (here: the connection is reset
   * under it, and its thread never comes back, as in a crash). The broker redelivers the message,
   * another consumer takes the job over, and the order ends paid with the one charge.
   */
  @Test
  void aConsumerThatDiesAfterTheChargeBeforeTheAckIsRedelivered() throws Exception {
    double redeliveries = count(QueueMetrics.REDELIVERIES);
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1100);
    CountDownLatch parked = parking.dieAfterCharge(order, true);
    assertThat(pay(order, "k-redelivery").status()).isEqualTo(202);
    assertThat(parked.await(10, TimeUnit.SECONDS)).as("the consumer charged and died").isTrue();
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    awaitPaid(order);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    assertThat(count(QueueMetrics.REDELIVERIES)).isGreaterThan(redeliveries);
  }

  /** Two copies of one message: one runs the job, the other finds it taken or done. */
  @Test
  void theSameMessageDeliveredTwiceChargesOnceAndEmitsOneEvent() {
    relay.stop();
    double duplicates = count(QueueMetrics.DELIVERIES, "outcome", "duplicate");
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1200);
    assertThat(pay(order, "k-duplicate").status()).isEqualTo(202);
    long job = jobId(order);
    // As the relay leaves it after the confirm; then the broker delivers the message twice.
    assertThat(
            jdbc.sql(
                    "UPDATE outbox SET status = 'published', claimed_by = 'relay',"
                        + " lease_until = now() + interval '1 hour' WHERE id = :id")
                .param("id", job)
                .update())
        .isEqualTo(1);
    TestRabbitMq.publishJob(TestRabbitMq.URL, PREFIX, job);
    TestRabbitMq.publishJob(TestRabbitMq.URL, PREFIX, job);
    awaitPaid(order);
    Await.until(
        Duration.ofSeconds(10),
        "the second copy dropped",
        () -> count(QueueMetrics.DELIVERIES, "outcome", "duplicate") >= duplicates + 1);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    assertThat(events(order, "order.paid")).isEqualTo(1);
    assertThat(jobStatus(order)).isEqualTo("done");
  }

  /**
   * A relay published and died before marking the job: the row stays publishing, its message is in
   * the queue. When the short lease runs out a relay publishes it again; two messages, one charge.
   */
  @Test
  void aRelayThatDiesBetweenPublishAndMarkIsRepublishedHarmlessly() {
    relay.stop();
    consumers.stop();
    double republished = count(QueueMetrics.PUBLISHED, "source", "republished");
    double duplicates = count(QueueMetrics.DELIVERIES, "outcome", "duplicate");
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1300);
    assertThat(pay(order, "k-relay-crash").status()).isEqualTo(202);
    long job = jobId(order);
    // What the dead relay left: its claim (lease now over) and its confirmed publish.
    assertThat(
            jdbc.sql(
                    "UPDATE outbox SET status = 'publishing', claimed_by = 'dead-relay',"
                        + " lease_until = now() - interval '1 second' WHERE id = :id")
                .param("id", job)
                .update())
        .isEqualTo(1);
    TestRabbitMq.publishJob(TestRabbitMq.URL, PREFIX, job);
    relay.start();
    Await.until(Duration.ofSeconds(10), "republished", () -> jobStatus(order).equals("published"));
    assertThat(count(QueueMetrics.PUBLISHED, "source", "republished")).isGreaterThan(republished);
    assertThat(TestRabbitMq.readyMessages(TestRabbitMq.URL, PREFIX)).isEqualTo(2);
    consumers.start();
    awaitPaid(order);
    Await.until(
        Duration.ofSeconds(10),
        "the second message dropped",
        () -> count(QueueMetrics.DELIVERIES, "outcome", "duplicate") >= duplicates + 1);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    assertThat(events(order, "order.paid")).isEqualTo(1);
  }

  /** A confirmed message the broker lost: the safety net publishes the job again. */
  @Test
  void aJobPublishedButNeverDeliveredIsPublishedAgain() {
    relay.stop();
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1400);
    assertThat(pay(order, "k-lost").status()).isEqualTo(202);
    assertThat(
            jdbc.sql(
                    "UPDATE outbox SET status = 'published', claimed_by = 'relay',"
                        + " lease_until = now() + interval '1 second' WHERE id = :id")
                .param("id", jobId(order))
                .update())
        .isEqualTo(1);
    relay.start();
    awaitPaid(order);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }

  /**
   * The queue's delivery limit with the real broker: a consumer that keeps handing a message back
   * (nack with requeue) gets it 1 + limit times, then RabbitMQ dead-letters it and our dead-letter
   * consumer makes the job dead, where operators and the dead-jobs gauge see it.
   */
  @Test
  void aMessageOverTheDeliveryLimitEndsAsADeadJob() throws Exception {
    relay.stop();
    consumers.stop();
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1500);
    assertThat(pay(order, "k-dead-letter").status()).isEqualTo(202);
    long job = jobId(order);
    jdbc.sql("UPDATE outbox SET status = 'published', claimed_by = 'relay' WHERE id = :id")
        .param("id", job)
        .update();
    TestRabbitMq.publishJob(TestRabbitMq.URL, PREFIX, job);
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestRabbitMq.URL);
    try (Connection c = factory.newConnection("poison-consumer");
        Channel channel = c.createChannel()) {
      // Nack every delivery (requeue) until the broker stops giving the message back.
      int[] deliveries = {0};
      Await.until(
          Duration.ofSeconds(10),
          "the message dead-lettered after " + DELIVERY_LIMIT + " redeliveries",
          () -> {
            try {
              GetResponse got = channel.basicGet(PREFIX + ".jobs", false);
              if (got == null) {
                return deliveries[0] > DELIVERY_LIMIT;
              }
              deliveries[0]++;
              channel.basicNack(got.getEnvelope().getDeliveryTag(), false, true);
              return false;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
      assertThat(deliveries[0])
          .as("delivered 1 + delivery-limit times")
          .isEqualTo(1 + DELIVERY_LIMIT);
    }
    Await.until(Duration.ofSeconds(10), "job dead", () -> jobStatus(order).equals("dead"));
    assertThat(
            jdbc.sql("SELECT last_error FROM outbox WHERE id = :id")
                .param("id", job)
                .query(String.class)
                .single())
        .contains("dead-lettered by RabbitMQ");
  }

  /**
   * The queue is declared as a quorum queue with this limit: a different declaration is refused.
   */
  @Test
  void theJobQueueIsAQuorumQueueWithADeliveryLimitAndADeadLetterExchange() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestRabbitMq.URL);
    try (Connection c = factory.newConnection("topology-check")) {
      Map<String, Object> same = new HashMap<>();
      same.put("x-queue-type", "quorum");
      same.put("x-delivery-limit", DELIVERY_LIMIT);
      same.put("x-dead-letter-exchange", PREFIX + ".jobs.dlx");
      try (Channel channel = c.createChannel()) {
        channel.queueDeclare(PREFIX + ".jobs", true, false, false, same);
      }
      Map<String, Object> classic = new HashMap<>(same);
      classic.put("x-queue-type", "classic");
      assertThatThrownBy(
              () -> {
                try (Channel channel = c.createChannel()) {
                  channel.queueDeclare(PREFIX + ".jobs", true, false, false, classic);
                }
              })
          .hasStackTraceContaining("PRECONDITION_FAILED");
    }
  }

  /**
   * Two instances consume from the same queue. This one hangs after the charge and its consumers
   * die (their channels are closed); the other instance receives the unacked message and settles
   * the payment, with the one charge.
   */
  @Test
  void anUnackedMessageMovesToTheOtherInstanceWhenThisOneDies() throws Exception {
    try (SecondInstance other =
        SecondInstance.start(
            database,
            URI.create(sim().baseUrl().toString()),
            Map.of(
                "oncepay.queue", "rabbitmq",
                "oncepay.rabbitmq.url", TestRabbitMq.URL,
                "oncepay.rabbitmq.prefix", PREFIX,
                "oncepay.rabbitmq.delivery-limit", Integer.toString(DELIVERY_LIMIT),
                "oncepay.gateway.read-timeout", "1s",
                "oncepay.gateway.max-attempts", "1",
                "oncepay.gateway.lease-margin", "1s",
                "oncepay.idempotency.lease", "3s",
                "oncepay.worker.lease", "2s",
                "oncepay.worker.operation-retry.initial", "100ms"))) {
      String order = api().createOrder("cart-" + UUID.randomUUID(), 1600);
      // Only this instance may take the first delivery: the other's consumers start after.
      other.bean("oncepayJobConsumers", SimpleMessageListenerContainer.class).stop();
      CountDownLatch parked = parking.dieAfterCharge(order, false);
      assertThat(pay(order, "k-two-instances").status()).isEqualTo(202);
      assertThat(parked.await(10, TimeUnit.SECONDS)).isTrue();
      other.bean("oncepayJobConsumers", SimpleMessageListenerContainer.class).start();
      // This instance's consumers die: after the shutdown grace their channels are closed.
      consumers.stop();
      awaitPaid(order);
      assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
      String settledBy =
          jdbc.sql("SELECT claimed_by FROM outbox WHERE id = :id")
              .param("id", jobId(order))
              .query(String.class)
              .single();
      assertThat(settledBy).isEqualTo(other.bean(JobRunner.class).workerId());
    }
  }

  private Resp pay(String order, String key) {
    return api()
        .post(
            "/v1/orders/" + order + "/payments",
            key,
            "{\"payment_method\":\"pm_ok\",\"async\":true}");
  }

  private void awaitPaid(String order) {
    Await.until(
        Duration.ofSeconds(30),
        "order " + order + " paid",
        () -> api().get("/v1/orders/" + order).json().get("status").asString().equals("paid"));
  }

  private long jobId(String order) {
    return jdbc.sql(
            """
            SELECT o.id FROM outbox o JOIN payment_operations p ON p.id = o.ref
              JOIN payments y ON y.id = p.payment_id
             WHERE o.kind = 'operation' AND y.order_id = :order
             ORDER BY o.id DESC LIMIT 1
            """)
        .param("order", orderUuid(order))
        .query(Long.class)
        .single();
  }

  private String jobStatus(String order) {
    return jdbc.sql("SELECT status FROM outbox WHERE id = :id")
        .param("id", jobId(order))
        .query(String.class)
        .single();
  }

  private long events(String order, String type) {
    return jdbc.sql("SELECT count(*) FROM domain_events WHERE type = :t AND object_id = :o")
        .param("t", type)
        .param("o", order)
        .query(Long.class)
        .single();
  }

  private double count(String name, String... tags) {
    return meters.find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static UUID orderUuid(String order) {
    return PrefixedIds.parse("ord_", order).orElseThrow();
  }

  /** Consumers that "die" right after the gateway charged, for chosen orders. */
  static final class Parking {
    private final Map<String, CountDownLatch> parked = new ConcurrentHashMap<>();
    private final Set<String> resetConnection = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch releaseNow = new CountDownLatch(1);

    CountDownLatch dieAfterCharge(String order, boolean closeChannels) {
      CountDownLatch latch = new CountDownLatch(1);
      parked.put(order, latch);
      if (closeChannels) {
        resetConnection.add(order);
      }
      return latch;
    }

    void releaseAll() {
      CountDownLatch current = releaseNow;
      releaseNow = new CountDownLatch(1);
      current.countDown();
    }
  }

  @TestConfiguration
  static class Hooks {
    @Bean
    Parking parking() {
      return new Parking();
    }

    @Bean
    @Primary
    PaymentGateway dieAfterCharge(
        @Qualifier("paymentGateway") PaymentGateway real,
        Parking parking,
        ObjectProvider<CachingConnectionFactory> rabbit) {
      return new DelegatingGateway(real) {
        @Override
        public GatewayResult authorize(AuthorizeCall call) {
          GatewayResult result = real.authorize(call);
          CountDownLatch latch = parking.parked.remove(call.orderReference());
          if (latch != null) {
            CountDownLatch release = parking.releaseNow;
            if (parking.resetConnection.remove(call.orderReference())) {
              // Every channel of this instance closes, this consumer's among them.
              rabbit.getObject().resetConnection();
            }
            latch.countDown();
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("simulated consumer death after the charge");
          }
          return result;
        }
      };
    }
  }
}
