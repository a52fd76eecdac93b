package com.oncepay.outbox.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.RabbitNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * RabbitMQ stopped and started again in the middle of a stream of async payments, on a node of this
 * test's own (a child process on free ports; the machine's shared broker is never touched). While
 * it is down the API keeps accepting payments into the outbox; once it is back the relay catches up
 * and every accepted payment ends paid, with one charge each.
 */
@TestPropertySource(
    properties = {
      "oncepay.queue=rabbitmq",
      "oncepay.rabbitmq.prefix=oncepay-restart",
      "oncepay.rabbitmq.confirm-timeout=1s"
    })
class RabbitMqRestartIT extends ApiTestBase {

  private static final RabbitNode node = RabbitNode.start();

  @DynamicPropertySource
  static void broker(DynamicPropertyRegistry registry) {
    registry.add("oncepay.rabbitmq.url", node::url);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void everyPaymentAcceptedWhileRabbitMqRestartsEndsPaidWithOneCharge() throws Exception {
    Map<String, Integer> accepted = new ConcurrentHashMap<>();
    List<String> refused = new CopyOnWriteArrayList<>();
    ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    long start = System.nanoTime();
    Duration load = Duration.ofSeconds(14);
    Future<?> stream =
        clients.submit(
            () -> {
              int n = 0;
              while (System.nanoTime() - start < load.toNanos()) {
                String order = api().createOrder("cart-restart-" + UUID.randomUUID(), 500 + n);
                Resp paid =
                    api()
                        .post(
                            "/v1/orders/" + order + "/payments",
                            "k-restart-" + n,
                            "{\"payment_method\":\"pm_ok\",\"async\":true}");
                if (paid.status() == 202) {
                  accepted.put(order, n);
                } else {
                  refused.add(order + " " + paid);
                }
                n++;
                sleep(Duration.ofMillis(40));
              }
            });
    sleep(Duration.ofSeconds(3));
    int beforeStop = accepted.size();
    node.stopProcess();
    sleep(Duration.ofSeconds(5));
    int duringOutage = accepted.size() - beforeStop;
    node.startProcess();
    stream.get(60, TimeUnit.SECONDS);
    clients.shutdown();

    assertThat(refused).as("answers other than 202").isEmpty();
    assertThat(duringOutage).as("payments accepted while RabbitMQ was down").isGreaterThan(10);
    for (String order : accepted.keySet()) {
      Await.until(
          Duration.ofSeconds(60),
          "order " + order + " paid",
          () -> api().get("/v1/orders/" + order).json().get("status").asString().equals("paid"));
      assertThat(LedgerProbe.charges(sim(), order)).as("charges of " + order).isEqualTo(1);
    }
    long open =
        jdbc.sql("SELECT count(*) FROM outbox WHERE kind = 'operation' AND status <> 'done'")
            .query(Long.class)
            .single();
    assertThat(open).as("operation jobs not done").isZero();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
