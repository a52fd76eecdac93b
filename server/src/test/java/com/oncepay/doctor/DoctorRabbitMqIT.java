package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

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
