package com.oncepay.race;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A slow gateway must not exhaust the connection pool: 200 payments in flight at once, each gateway
 * call taking 2 s, on a pool of 10 connections. If anything held a connection across the call, the
 * pool would serialise them (200 x 2 s / 10 = 40 s) or time requests out.
 */
@TestPropertySource(properties = {"oncepay.db.pool-size=10", "oncepay.db.connection-timeout=2s"})
abstract class GatewayCallHoldsNoConnection extends ApiTestBase {

  static final int PAYMENTS = 200;
  static final long GATEWAY_MS = 2_000;

  @Autowired MeterRegistry meters;

  List<String> payAllAtOnce() {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      orders.add(api().createOrder("cart-" + UUID.randomUUID(), 500));
    }
    sim().updateKnobs(sim().knobs().withLatency(GATEWAY_MS, 0));
    long started = System.nanoTime();
    List<Resp> responses =
        Race.run(PAYMENTS, Duration.ofSeconds(120), i -> api().pay(orders.get(i), "pm_ok"));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    List<String> violations = new ArrayList<>();
    var notPaid =
        responses.stream()
            .filter(r -> r.status() != 201)
            .collect(
                Collectors.groupingBy(
                    r -> r.status() + " " + r.errorCode(), Collectors.counting()));
    if (!notPaid.isEmpty()) {
      violations.add("not all paid: " + notPaid);
    }
    // One gateway round trip plus generous slack for 2 shared cores; holding connections would
    // need ten round trips.
    if (elapsed.compareTo(Duration.ofMillis(GATEWAY_MS * 3)) > 0) {
      violations.add(
          "took " + elapsed.toMillis() + " ms for " + GATEWAY_MS + " ms of gateway time");
    }
    Timer acquire = meters.find("hikaricp.connections.acquire").timer();
    double maxWaitMs = acquire == null ? -1 : acquire.max(TimeUnit.MILLISECONDS);
    // The pool's connection timeout is 2 s: a wait near it means a connection was held across a
    // gateway call. Short waits are normal: 200 claim transactions queue for 10 connections.
    if (acquire == null || maxWaitMs > 1_500) {
      violations.add("a request waited " + maxWaitMs + " ms for a connection");
    }
    System.out.printf(
        "%s: %d payments, %d ms, longest connection wait %.1f ms%n",
        getClass().getSimpleName(), PAYMENTS, elapsed.toMillis(), maxWaitMs);
    return violations;
  }
}
