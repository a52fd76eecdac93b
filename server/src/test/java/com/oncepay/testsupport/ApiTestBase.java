package com.oncepay.testsupport;

import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, with its own fresh database and its own gateway simulator
 * (started by the test, reached over HTTP as any gateway, its webhooks pointed back at this
 * server). The context is closed after the class so pools never pile up on the shared server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "oncepay.bootstrap-api-key=" + ApiTestBase.API_KEY,
      "oncepay.operator.token=" + ApiTestBase.OPERATOR_TOKEN,
      "oncepay.home=target/oncepay-test-home",
      "oncepay.db.pool-size=10",
      "oncepay.idempotency.sweep-interval=1h",
      "oncepay.drain-delay=0s",
      "oncepay.gateway.webhook-secrets=" + ApiTestBase.SIM_WEBHOOK_SECRET,
      // The tests' webhook receivers listen on 127.0.0.1.
      "oncepay.webhooks.allowed-networks=127.0.0.0/8",
      "oncepay.db.url=${oncepay.test.db-direct}"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTestBase {

  public static final String API_KEY = "sk_test_integration";

  /** The operator credential (ONCEPAY_OPERATOR_TOKEN) of the server under test. */
  public static final String OPERATOR_TOKEN = "op_test_integration_0123456789abcdef";

  /**
   * In a subclass's {@code @TestPropertySource}: the same test database, reached through a real
   * PgBouncer in transaction mode ({@link TestPgBouncer}), with the queue's LISTEN direct.
   */
  public static final String DB_THROUGH_PGBOUNCER =
      "oncepay.db.url=${oncepay.test.db-through-pgbouncer}";

  public static final String LISTEN_DIRECT = "oncepay.db.listen-url=${oncepay.test.db-direct}";

  /** The secret the service accepts by default; the simulator signs its webhooks with it. */
  public static final String SIM_WEBHOOK_SECRET = "whsec_test_integration_only";

  private static GatewaySimulator simulator;

  /** This class's database, direct; for a subclass's own routes to it. */
  protected static volatile String database;

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;

  @BeforeAll
  static void startSimulator() {
    simulator =
        GatewaySimulator.start(SimSettings.defaults().withWebhook(null, SIM_WEBHOOK_SECRET));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    String url = TestPostgres.createDatabase();
    database = url;
    registry.add("oncepay.test.db-direct", () -> url);
    // Evaluated only when a test class routes through PgBouncer, which starts it then.
    registry.add("oncepay.test.db-through-pgbouncer", () -> TestPgBouncer.route(url));
    registry.add("oncepay.db.user", TestPostgres::user);
    registry.add("oncepay.gateway.url", () -> simulator.baseUrl().toString());
  }

  @BeforeEach
  void resetSimulator() {
    sim().reset();
    sim().webhookUrl(URI.create("http://127.0.0.1:" + port + "/v1/webhooks/sim"));
  }

  protected Api api() {
    return new Api(URI.create("http://127.0.0.1:" + port), API_KEY);
  }

  /** The API with the operator credential: the operator API and the actuator's metrics. */
  protected Api operator() {
    return api().withKey(OPERATOR_TOKEN);
  }

  protected GatewaySimulator sim() {
    return simulator;
  }
}
