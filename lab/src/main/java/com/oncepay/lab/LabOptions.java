package com.oncepay.lab;

import com.oncepay.lab.load.Budget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A validated command line.
 *
 * @param target null with {@code spawn}
 * @param apiKey null with {@code spawn}
 * @param orders null for each scenario's default
 * @param concurrency null for each scenario's default
 * @param budget {@code --requests} or {@code --duration}; none for each scenario's default
 * @param gatewayLedger null to skip the ledger checks (always set with {@code spawn})
 * @param reportHtml null for no HTML report
 * @param instances with {@code spawn}: 0 for one server on an embedded database, N ≥ 1 for the
 *     topology of N instances behind HAProxy on the lab's own PostgreSQL
 * @param pgbouncer with the topology: the instances' pools through PgBouncer
 * @param strategy with {@code spawn}: the servers' concurrency strategy, or null for theirs
 * @param queue with {@code spawn}: the servers' work queue ({@code postgres}, or {@code rabbitmq}
 *     on a RabbitMQ node the lab starts), or null for theirs
 * @param seed null for a random seed (printed in the reports)
 * @param warmup null for none: checkout-mix traffic before the run, neither recorded nor checked
 * @param checkEvents receive the merchant webhooks and check invariant 6 (on by default with {@code
 *     spawn})
 */
record LabOptions(
    URI target,
    String apiKey,
    String scenario,
    Integer orders,
    Integer concurrency,
    Budget budget,
    URI gatewayLedger,
    Path reportJson,
    Path reportHtml,
    boolean spawn,
    int instances,
    boolean pgbouncer,
    String strategy,
    String queue,
    Long seed,
    Duration requestTimeout,
    Duration settleTimeout,
    double rate,
    Duration warmup,
    boolean checkEvents,
    boolean quiet) {

  public boolean topology() {
    return instances > 0;
  }
}
