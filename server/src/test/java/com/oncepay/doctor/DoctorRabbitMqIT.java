package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.oncepay.testsupport.TestRabbitMq;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RabbitMQ check against the machine's real broker at 127.0.0.1:5672 (guest/guest). */
class DoctorRabbitMqIT {

  private static String db;
  private static String closedTarget;

  @BeforeAll
  static void setUp() throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
    } catch (IOException e) {
      fail("no RabbitMQ at 127.0.0.1:5672: .ci/run starts the local one");
    }
    db = DoctorDatabase.createMigrated();
    closedTarget = "http://127.0.0.1:" + DoctorPostgresIT.freePort();
  }

  @AfterAll
  static void drop() {
    DoctorDatabase.dropAll();
  }

  private static Finding rabbitmq(String url) {
    return DoctorRun.json(
            Map.of("ONCEPAY_DB_URL", db, "ONCEPAY_DB_POOL_SIZE", "5", "ONCEPAY_RABBITMQ_URL", url),
            "--target",
            closedTarget)
        .get("rabbitmq");
  }

  @Test
  void aReachableBrokerPassesAndSaysNoQueueIsChecked() {
    Finding ok = rabbitmq("amqp://guest:guest@127.0.0.1:5672/%2F");
    assertThat(ok.status()).isEqualTo(OK);
    assertThat(ok.finding()).contains("accepts AMQP connections").contains("no queue is checked");
  }

  /** With the rabbitmq queue the topology is checked, passively: missing, then unconsumed. */
  @Test
  void theQueueTopologyIsCheckedWhenTheQueueIsRabbitMq() throws Exception {
    String url = "amqp://guest:guest@127.0.0.1:5672/%2F";
    String prefix = TestRabbitMq.uniquePrefix("doctor");
    Map<String, String> env =
        Map.of(
            "ONCEPAY_DB_URL", db,
            "ONCEPAY_DB_POOL_SIZE", "5",
            "ONCEPAY_QUEUE", "rabbitmq",
            "ONCEPAY_RABBITMQ_URL", url,
            "ONCEPAY_RABBITMQ_PREFIX", prefix);
    try {
      Finding missing = DoctorRun.json(env, "--target", closedTarget).get("rabbitmq");
      assertThat(missing.status()).isEqualTo(FAIL);
      assertThat(missing.finding()).contains("has no queue " + prefix + ".jobs");

      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(url);
      try (Connection c = factory.newConnection("doctor-test");
          Channel channel = c.createChannel()) {
        channel.queueDeclare(
            prefix + ".jobs", true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueDeclare(
            prefix + ".jobs.dead", true, false, false, Map.of("x-queue-type", "quorum"));
      }
      Finding unconsumed = DoctorRun.json(env, "--target", closedTarget).get("rabbitmq");
      assertThat(unconsumed.status()).isEqualTo(WARN);
      assertThat(unconsumed.finding()).contains("0 consumers", "nobody consumes the jobs");
    } finally {
      TestRabbitMq.deleteTopology(url, prefix);
    }
  }

  @Test
  void wrongCredentialsFail() {
    Finding refused = rabbitmq("amqp://guest:wrong@127.0.0.1:5672/%2F");
    assertThat(refused.status()).isEqualTo(FAIL);
    assertThat(refused.finding()).doesNotContain("wrong");
  }

  @Test
  void noBrokerFails() throws IOException {
    int port = DoctorPostgresIT.freePort();
    Finding none = rabbitmq("amqp://guest:guest@127.0.0.1:" + port);
    assertThat(none.status()).isEqualTo(FAIL);
    assertThat(none.finding()).contains("127.0.0.1:" + port);
  }
}
