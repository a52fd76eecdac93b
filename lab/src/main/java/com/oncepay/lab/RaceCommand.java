package com.oncepay.lab;

import com.oncepay.lab.load.Budget;
import com.oncepay.lab.scenario.Scenarios;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code oncepay race}: the command line of CONTRACT.md, plus --spawn, --seed, timeouts and
 * --check-events.
 */
@Command(
    name = "race",
    mixinStandardHelpOptions = true,
    version = "oncepay race lab",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Drives the oncepay HTTP API with many concurrent clients through a named race scenario,",
      "then checks every invariant against the service and the gateway ledger.",
      "Exit status: 0 every invariant held, 1 anomalies found, 2 usage or connection error."
    },
    footer = {
      "",
      "Races: double-click, retry-storm, same-order-hammer, webhook-race, checkout-mix, all.",
      "Measurements (by name only, not in all): checkout-loop, pay-loop, hot-order, slow-gateway (needs"
          + " --spawn), async-pay.",
      "Faults (by name only, needs --spawn --instances N): chaos.",
      "Example: oncepay race --scenario all --spawn --report-json r.json --report-html r.html"
    })
final class RaceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "URL",
      description = "The service's base URL, such as http://127.0.0.1:8080 (not with --spawn).")
  String target;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "The merchant API key; default: $ONCEPAY_API_KEY (not with --spawn).")
  String apiKey;

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "NAME",
      description =
          "double-click, retry-storm, same-order-hammer, webhook-race, checkout-mix, all;"
              + " measurements: checkout-loop, pay-loop, hot-order, slow-gateway, async-pay;"
              + " faults: chaos.")
  String scenario;

  @Option(
      names = "--orders",
      paramLabel = "N",
      description =
          "Carts per scenario (double-click 40, retry-storm 20, webhook-race 40) or hot orders"
              + " (same-order-hammer 5, hot-order 1).")
  Integer orders;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      description =
          "Requests in flight at most (same-order-hammer 200, checkout-loop and pay-loop 32"
              + " clients, hot-order 2000 pays at once, slow-gateway 400 clients, async-pay 256, others 64); checkout-mix:"
              + " checkouts in flight.")
  Integer concurrency;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Size size;

  static final class Size {
    @Option(
        names = "--requests",
        paramLabel = "R",
        description = "Stop starting work after R requests per scenario (hammer default 2000).")
    Long requests;

    @Option(
        names = "--duration",
        paramLabel = "S",
        description =
            "Stop starting work after S seconds per scenario (checkout-mix and async-pay 60,"
                + " checkout-loop, pay-loop and slow-gateway 30, chaos 300).")
    Double duration;
  }

  @Option(
      names = "--gateway-ledger",
      paramLabel = "URL",
      description =
          "The gateway simulator (base URL or its /sim/ledger URL): compare the ledger too.")
  String gatewayLedger;

  @Option(
      names = "--report-json",
      required = true,
      paramLabel = "FILE",
      description = "Write the JSON report here.")
  Path reportJson;

  @Option(
      names = "--report-html",
      paramLabel = "FILE",
      description = "Also write the HTML report here.")
  Path reportHtml;

  @Option(
      names = "--spawn",
      description =
          "Start a gateway simulator and a server on free ports (embedded database unless"
              + " ONCEPAY_DB_URL is set), run, and stop them.")
  boolean spawn;

  @Option(
      names = "--instances",
      paramLabel = "N",
      description =
          "With --spawn: the topology — the lab's own PostgreSQL, a gateway simulator, N oncepay"
              + " instances and HAProxy in front of them; every scenario goes through the"
              + " balancer.")
  Integer instances;

  @Option(
      names = "--pgbouncer",
      description =
          "With --spawn: the topology (1 instance unless --instances), the instances' pools"
              + " through PgBouncer in transaction mode (LISTEN direct).")
  boolean pgbouncer;

  @Option(
      names = "--strategy",
      paramLabel = "NAME",
      description =
          "With --spawn: the servers' concurrency strategy (conditional, pessimistic, optimistic,"
              + " advisory, redis, or unsafe-naive, which also allows it).")
  String strategy;

  @Option(
      names = "--queue",
      paramLabel = "NAME",
      description =
          "With --spawn: the servers' work queue, postgres (the outbox table) or rabbitmq (relayed"
              + " to a RabbitMQ node the lab starts of its own, on free ports).")
  String queue;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of every random choice (default: random, printed in the report).")
  Long seed;

  @Option(
      names = "--rate",
      paramLabel = "PER_S",
      defaultValue = "25",
      description =
          "checkout-mix: checkouts, async-pay: payments started per second (default"
              + " ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "30",
      description = "Seconds one request may take before it counts as failed (default 30).")
  double timeout;

  @Option(
      names = "--settle-timeout",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "Seconds in-flight payments may take to settle after a scenario before they count as"
              + " stuck (default 60: longer than the server's 40 s operation lease, after which"
              + " its recovery takes over).")
  double settleTimeout;

  @Option(
      names = "--warmup",
      paramLabel = "S",
      description =
          "First send S seconds of checkout-mix traffic at --rate that is neither recorded nor"
              + " checked, so a fresh JVM's JIT does not count as latency (default none).")
  Double warmup;

  @Option(
      names = "--check-events",
      negatable = true,
      description =
          "Receive the merchant webhooks on a local endpoint and check that every event is"
              + " published once (invariant 6). On by default with --spawn; without it, replaces"
              + " the merchant's webhook endpoint for the run and restores it after.")
  Boolean checkEvents;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  static final int MAX_INSTANCES = 16;

  static final java.util.List<String> QUEUES = java.util.List.of("postgres", "rabbitmq");

  /** What ONCEPAY_CONCURRENCY_STRATEGY accepts (CONTRACT.md), plus the unsafe one. */
  static final java.util.List<String> STRATEGIES =
      java.util.List.of(
          "conditional", "pessimistic", "optimistic", "advisory", "redis", "unsafe-naive");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  RaceCommand(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  @Override
  public Integer call() {
    return new LabRun(options(), out, err, env).run();
  }

  /** The options, checked; a ParameterException is a usage error (exit status 2). */
  LabOptions options() {
    if (!Scenarios.names().contains(scenario)) {
      throw usage(
          "unknown scenario '"
              + scenario
              + "'; use one of "
              + String.join(", ", Scenarios.names()));
    }
    URI targetUrl = null;
    String key = apiKey != null ? apiKey : env.get("ONCEPAY_API_KEY");
    if (spawn) {
      if (target != null) {
        throw usage("--target and --spawn exclude each other: --spawn starts its own server");
      }
      if (gatewayLedger != null) {
        throw usage("--gateway-ledger and --spawn exclude each other: --spawn starts its own");
      }
      key = null;
    } else {
      if (target == null) {
        throw usage("--target URL is required (or --spawn to start a server)");
      }
      targetUrl = url("--target", target);
      if (key == null || key.isBlank()) {
        throw usage("--api-key KEY is required (or set ONCEPAY_API_KEY)");
      }
    }
    if (!spawn && (instances != null || pgbouncer || strategy != null || queue != null)) {
      throw usage(
          "--instances, --pgbouncer, --strategy and --queue configure what --spawn starts: add"
              + " --spawn");
    }
    if (queue != null && !QUEUES.contains(queue)) {
      throw usage("unknown queue '" + queue + "'; use one of " + String.join(", ", QUEUES));
    }
    if (instances != null && (instances < 1 || instances > MAX_INSTANCES)) {
      throw usage("--instances must be from 1 to " + MAX_INSTANCES);
    }
    if (strategy != null && !STRATEGIES.contains(strategy)) {
      throw usage(
          "unknown strategy '" + strategy + "'; use one of " + String.join(", ", STRATEGIES));
    }
    boolean topology = instances != null || pgbouncer;
    if (scenario.equals(Scenarios.CHAOS) && !topology) {
      throw usage(
          "chaos breaks the processes of a topology the lab starts itself: use --spawn with"
              + " --instances N (and optionally --pgbouncer)");
    }
    if (scenario.equals(Scenarios.SLOW_GATEWAY) && !spawn) {
      throw usage(
          "slow-gateway sets the gateway simulator's pm_slow to 1 s and the server's heap to 512"
              + " MB, which the lab does only on what it starts itself: add --spawn");
    }
    if (scenario.equals(Scenarios.CHAOS) && size != null && size.requests != null) {
      throw usage("chaos runs for a --duration, not a number of --requests");
    }
    URI ledger = gatewayLedger == null ? null : url("--gateway-ledger", gatewayLedger);
    positive("--orders", orders);
    positive("--concurrency", concurrency);
    if (concurrency != null && concurrency > 10_000) {
      throw usage("--concurrency must be at most 10000");
    }
    Budget budget = Budget.none();
    if (size != null && size.requests != null) {
      if (size.requests < 1) {
        throw usage("--requests must be at least 1");
      }
      budget = new Budget(size.requests, null);
    } else if (size != null && size.duration != null) {
      budget = new Budget(null, seconds("--duration", size.duration));
    }
    if (!(rate > 0) || rate > 100_000) {
      throw usage("--rate must be above 0 and at most 100000");
    }
    return new LabOptions(
        targetUrl,
        key,
        scenario,
        orders,
        concurrency,
        budget,
        ledger,
        reportJson,
        reportHtml,
        spawn,
        topology ? (instances == null ? 1 : instances) : 0,
        pgbouncer,
        strategy,
        queue,
        seed,
        seconds("--timeout", timeout),
        seconds("--settle-timeout", settleTimeout),
        rate,
        warmup == null ? null : seconds("--warmup", warmup),
        checkEvents != null ? checkEvents : spawn,
        quiet);
  }

  private URI url(String option, String value) {
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw usage(option + " must be an http(s) URL such as http://127.0.0.1:8080; got " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw usage(option + " is not a URL: " + value);
    }
  }

  private void positive(String option, Integer value) {
    if (value != null && value < 1) {
      throw usage(option + " must be at least 1");
    }
  }

  private Duration seconds(String option, double value) {
    if (!(value > 0) || value > 86_400) {
      throw usage(option + " must be a number of seconds above 0 and at most 86400");
    }
    return Duration.ofMillis(Math.round(value * 1000));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
