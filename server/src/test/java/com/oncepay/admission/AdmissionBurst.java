package com.oncepay.admission;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of pays, each on an order of its own, all released at once against a small pool with a
 * short connection timeout: 400 requests for 6 connections that give up after 250 ms. Subclasses
 * set the bound on running requests and say what the burst must get.
 */
@TestPropertySource(properties = {"oncepay.db.pool-size=6", "oncepay.db.connection-timeout=250ms"})
abstract class AdmissionBurst extends ApiTestBase {

  static final int RACERS = 400;

  /** The burst's answers, counted by status. */
  Map<Integer, Long> burst() {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < RACERS; i++) {
      orders.add(api().createOrder("cart-" + UUID.randomUUID(), 100 + i));
    }
    List<Resp> answers =
        Race.run(RACERS, Duration.ofSeconds(120), i -> api().pay(orders.get(i), "pm_ok"));
    return answers.stream().collect(Collectors.groupingBy(Resp::status, Collectors.counting()));
  }

  String metrics() {
    return operator().get("/actuator/prometheus").text();
  }
}
