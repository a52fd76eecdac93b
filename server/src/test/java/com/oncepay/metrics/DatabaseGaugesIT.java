package com.oncepay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.oncepay.testsupport.ApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The database gauges report what the tables hold. Workers are off, so a queued job stays where the
 * test puts it; rows are moved by SQL to the states an operator would meet (late, dead, unknown,
 * flagged, a key left in progress), and each refresh must show exactly that.
 */
@TestPropertySource(properties = "oncepay.worker.enabled=false")
class DatabaseGaugesIT extends ApiTestBase {

  @Autowired DatabaseGauges gauges;
  @Autowired MeterRegistry meters;

  @Test
  void gaugesShowWhatTheTablesHold() {
    gauges.refresh();
    assertThat(gauge("oncepay.queue.depth", "kind", "operation", "state", "ready")).isZero();
    assertThat(gauge("oncepay.operations.unknown")).isZero();
    assertThat(gauge("oncepay.gauges.age")).isLessThan(5);

    String order = api().createOrder("cart-gauges", 1500);
    assertThat(
            api()
                .post(
                    "/v1/orders/" + order + "/payments",
                    "k-gauges",
                    "{\"payment_method\":\"pm_ok\",\"async\":true}")
                .status())
        .isEqualTo(202);
    // The job has been due for 90 s and nobody took it.
    jdbc.sql("UPDATE outbox SET run_at = now() - interval '90 seconds'").update();
    gauges.refresh();
    assertThat(gauge("oncepay.queue.depth", "kind", "operation", "state", "ready")).isEqualTo(1);
    assertThat(gauge("oncepay.queue.depth", "kind", "operation", "state", "claimed")).isZero();
    assertThat(gauge("oncepay.queue.depth", "kind", "webhook", "state", "ready")).isZero();
    assertThat(gauge("oncepay.queue.oldest_ready", "kind", "operation")).isCloseTo(90, within(5.0));
    assertThat(gauge("oncepay.queue.oldest_ready", "kind", "webhook")).isZero();

    // A job scheduled for later (a retry's backoff) is queued but not late.
    jdbc.sql("UPDATE outbox SET run_at = now() + interval '1 hour'").update();
    gauges.refresh();
    assertThat(gauge("oncepay.queue.depth", "kind", "operation", "state", "ready")).isEqualTo(1);
    assertThat(gauge("oncepay.queue.oldest_ready", "kind", "operation")).isZero();

    // Dead-lettered; its operation is unknown since 10 minutes; the gateway contradicted us once;
    // and a request crashed holding its key.
    jdbc.sql("UPDATE outbox SET status = 'dead'").update();
    jdbc.sql(
            "UPDATE payment_operations SET status = 'unknown',"
                + " created_at = now() - interval '10 minutes'")
        .update();
    jdbc.sql(
            """
            INSERT INTO gateway_events (gateway, event_id, type, outcome, payload, received_at)
            VALUES ('sim', 'evt_contradiction', 'charge.failed', 'flagged', '{}', now())
            """)
        .update();
    jdbc.sql(
            "UPDATE idempotency_keys SET status = 'in_progress', response_status = NULL,"
                + " response_body = NULL WHERE idempotency_key = 'k-gauges'")
        .update();
    gauges.refresh();
    assertThat(gauge("oncepay.queue.depth", "kind", "operation", "state", "ready")).isZero();
    assertThat(gauge("oncepay.queue.dead", "kind", "operation")).isEqualTo(1);
    assertThat(gauge("oncepay.queue.dead", "kind", "webhook")).isZero();
    assertThat(gauge("oncepay.operations.unknown")).isEqualTo(1);
    assertThat(gauge("oncepay.operations.unknown.oldest")).isCloseTo(600, within(5.0));
    assertThat(gauge("oncepay.webhooks.flagged")).isEqualTo(1);
    assertThat(gauge("oncepay.idempotency.in_progress")).isEqualTo(1);
  }

  @Test
  void aScrapeShowsTheGaugesAndThePoolInPrometheusNames() {
    gauges.refresh();
    String exposition = operator().get("/actuator/prometheus").text();
    assertThat(exposition)
        .contains("oncepay_queue_depth{kind=\"operation\",state=\"ready\"}")
        .contains("oncepay_queue_oldest_ready_seconds{kind=\"webhook\"}")
        .contains("oncepay_queue_dead{kind=\"webhook\"}")
        .contains("oncepay_operations_unknown ")
        .contains("oncepay_operations_unknown_oldest_seconds ")
        .contains("oncepay_webhooks_flagged ")
        .contains("oncepay_idempotency_in_progress ")
        .contains("oncepay_gauges_age_seconds ")
        .contains("hikaricp_connections_active{pool=\"oncepay\"}")
        .contains("hikaricp_connections_timeout_total{pool=\"oncepay\"}");
  }

  private double gauge(String name, String... tags) {
    return meters.get(name).tags(tags).gauge().value();
  }
}
