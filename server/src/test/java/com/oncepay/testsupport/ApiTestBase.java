package com.oncepay.testsupport;

import com.oncepay.gateway.InProcessSimulator;
import com.oncepay.sim.GatewaySimulator;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, with its own fresh database and in-process gateway simulator.
 * The context is closed after the class so pools never pile up on the shared server.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "oncepay.bootstrap-api-key=" + ApiTestBase.API_KEY,
      "oncepay.home=target/oncepay-test-home",
      "oncepay.db.pool-size=10",
      "oncepay.idempotency.sweep-interval=1h"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ApiTestBase {

  public static final String API_KEY = "sk_test_integration";

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired private InProcessSimulator inProcessSimulator;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    String url = TestPostgres.createDatabase();
    registry.add("oncepay.db.url", () -> url);
    registry.add("oncepay.db.user", TestPostgres::user);
  }

  @BeforeEach
  void resetSimulator() {
    sim().reset();
  }

  protected Api api() {
    return new Api(URI.create("http://127.0.0.1:" + port), API_KEY);
  }

  protected GatewaySimulator sim() {
    return inProcessSimulator.simulator();
  }
}
