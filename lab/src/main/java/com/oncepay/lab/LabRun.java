package com.oncepay.lab;

import com.oncepay.client.ApiResult;
import com.oncepay.client.OncepayClient;
import com.oncepay.client.OncepayConnectionException;
import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.EventChecker;
import com.oncepay.lab.check.EventCounts;
import com.oncepay.lab.check.FinalState;
import com.oncepay.lab.check.InvariantChecker;
import com.oncepay.lab.check.Observations;
import com.oncepay.lab.load.Api;
import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.Driver;
import com.oncepay.lab.load.FinalStateFetcher;
import com.oncepay.lab.load.LabConnectionException;
import com.oncepay.lab.load.MerchantEndpoint;
import com.oncepay.lab.load.Progress;
import com.oncepay.lab.load.ScenarioMetrics;
import com.oncepay.lab.load.ServerMetrics;
import com.oncepay.lab.load.Shop;
import com.oncepay.lab.load.SimulatorControl;
import com.oncepay.lab.load.WebhookReceiver;
import com.oncepay.lab.report.ChaosSummary;
import com.oncepay.lab.report.ConsoleSummary;
import com.oncepay.lab.report.HtmlReport;
import com.oncepay.lab.report.JsonReport;
import com.oncepay.lab.report.LatencySummary;
import com.oncepay.lab.report.RunReport;
import com.oncepay.lab.report.ScenarioReport;
import com.oncepay.lab.scenario.Faults;
import com.oncepay.lab.scenario.Prepared;
import com.oncepay.lab.scenario.Scenario;
import com.oncepay.lab.scenario.ScenarioContext;
import com.oncepay.lab.scenario.ScenarioSettings;
import com.oncepay.lab.scenario.ScenarioUnsupportedException;
import com.oncepay.lab.scenario.Scenarios;
import com.oncepay.lab.spawn.SingleStack;
import com.oncepay.lab.spawn.Stack;
import com.oncepay.lab.spawn.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * One run of the lab: start the stack if asked, check the target answers, point the merchant's
 * webhooks at the lab if asked, run each scenario, let in-flight work and its events settle, check
 * the invariants, write the reports, put the webhook endpoint back, stop the stack.
 */
final class LabRun {

  private static final String NOT_CHECKED_6 =
      "Invariant 6 (side effects once) was not checked: the lab checks it on the merchant"
          + " webhooks, which it receives with --spawn (unless --no-check-events) or"
          + " --check-events.";

  private final LabOptions options;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private String operatorToken;

  LabRun(LabOptions options, PrintStream out, PrintStream err, Map<String, String> env) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.env = env;
    this.operatorToken = env.get("ONCEPAY_OPERATOR_TOKEN");
  }

  int run() {
    Instant started = Instant.now();
    String runId = randomRunId();
    long seed = options.seed() != null ? options.seed() : new SecureRandom().nextLong();
    List<Scenario> scenarios =
        options.scenario().equals(Scenarios.ALL)
            ? Scenarios.all()
            : List.of(Scenarios.named(options.scenario()).orElseThrow());
    List<ScenarioReport> sections = new ArrayList<>();
    Histogram total = new Histogram(3);
    List<String> notes = new ArrayList<>();
    String error = null;
    URI target = options.target();
    URI ledger = options.gatewayLedger();
    Stack stack = null;
    SortedMap<String, Long> servedByInstance = new TreeMap<>();
    WebhookReceiver receiver = null;
    MerchantEndpoint endpoint = null;
    ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(httpThreads)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try {
      String apiKey = options.apiKey();
      if (options.spawn()) {
        stack = spawn(serverJvmOptions(scenarios));
        target = stack.serverUrl();
        ledger = stack.simulatorUrl();
        apiKey = stack.apiKey();
        operatorToken = stack.operatorToken();
        notes.add(stack.description());
      }
      if (ledger == null) {
        notes.add(
            "No --gateway-ledger: duplicate_charges, over_capture, over_refund and"
                + " state_mismatches were checked on oncepay's side only.");
      }
      OncepayClient inspector =
          OncepayClient.builder(target, apiKey)
              .httpClient(http)
              .maxAttempts(5)
              .requestTimeout(options.requestTimeout())
              .build();
      probe(inspector, target);
      SimulatorControl simulator =
          ledger == null ? null : new SimulatorControl(ledger, http, options.spawn());
      if (simulator != null) {
        simulator.ledger();
        // pm_slow must be in flight long enough for retry-storm's copies, not 2 s per cart.
        simulator.setKnobs(
            "{\"slow_ms\":300" + (options.seed() == null ? "" : ",\"seed\":" + seed) + "}");
      }
      if (options.warmup() != null) {
        warmUp(target, apiKey, http, seed, runId);
        notes.add(
            "Warmed up with "
                + options.warmup().toMillis() / 1000.0
                + " s of checkout-mix traffic at "
                + options.rate()
                + "/s before the run (not recorded, not checked).");
      }
      // After the warm-up, whose events would only be noise for the receiver.
      if (options.checkEvents()) {
        receiver = WebhookReceiver.start(Clock.systemUTC());
        endpoint =
            MerchantEndpoint.replace(
                inspector, receiver.url(), env.get(MerchantEndpoint.SECRET_VARIABLE));
        receiver.useSecret(endpoint.secret());
      }
      FinalStateFetcher fetcher = new FinalStateFetcher(inspector, simulator, 32);
      for (Scenario scenario : scenarios) {
        ScenarioRun result =
            runScenario(
                scenario,
                target,
                apiKey,
                http,
                simulator,
                fetcher,
                receiver,
                seed,
                runId,
                stack == null ? null : stack.faults());
        sections.add(result.report());
        total.add(result.latency());
      }
    } catch (LabConnectionException e) {
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } finally {
      // A spawned server is thrown away; a real merchant's endpoint must be put back.
      if (endpoint != null && !options.spawn()) {
        String restored = restore(endpoint);
        if (restored != null) {
          error = error == null ? restored : error;
          err.println("oncepay race: " + restored);
        } else {
          notes.add(
              "The merchant's webhook endpoint pointed at the lab during the run (events of that"
                  + " time went only to the lab); "
                  + (endpoint.previousUrl() == null
                      ? "it had none before and has none again."
                      : "it is back at " + endpoint.previousUrl() + "."));
        }
      }
      if (receiver != null) {
        receiver.close();
      }
      if (stack != null) {
        servedByInstance = stack.requestsByInstance();
        boolean failed = error != null || sections.stream().anyMatch(s -> !s.invariantsOk());
        if (stack.close(failed)) {
          notes.add("The spawned processes' logs and database are kept in " + stack.dir());
        }
      }
      http.close();
      httpThreads.close();
    }
    if (sections.stream().noneMatch(ScenarioReport::eventsChecked)) {
      notes.addFirst(NOT_CHECKED_6);
    }
    RunReport report =
        new RunReport(
            options.scenario(),
            target == null ? null : target.toString(),
            ledger == null ? null : ledger.toString(),
            runId,
            seed,
            started,
            sections,
            LatencySummary.of(total),
            error,
            notes,
            servedByInstance);
    ConsoleSummary.print(report, out);
    if (!writeReports(report)) {
      return RunReport.EXIT_ERROR;
    }
    return report.exitStatus();
  }

  private record ScenarioRun(ScenarioReport report, Histogram latency) {}

  private ScenarioRun runScenario(
      Scenario scenario,
      URI target,
      String apiKey,
      HttpClient http,
      SimulatorControl simulator,
      FinalStateFetcher fetcher,
      WebhookReceiver receiver,
      long seed,
      String runId,
      Faults faults)
      throws InterruptedException {
    ScenarioSettings settings = settingsFor(scenario, seed, runId);
    ScenarioMetrics metrics = new ScenarioMetrics();
    Observations obs = new Observations();
    String error = null;
    Prepared.Measured measured;
    try {
      measured = prepare(scenario, settings, target, apiKey, http, simulator, obs, metrics, faults);
    } catch (ScenarioUnsupportedException e) {
      error = e.getMessage();
      measured = ctx -> {};
    } catch (RuntimeException e) {
      error = "the lab failed preparing the scenario: " + e;
      metrics.problem(error);
      measured = ctx -> {};
    }
    List<Anomaly> anomalies;
    EventCounts events = null;
    SortedMap<String, Double> serverMetrics;
    try (Driver driver = driver(settings, target, apiKey, http, metrics, scenario.shopAttempts());
        Progress progress =
            progress(scenario.name(), metrics, scenario.plannedRequests(settings))) {
      metrics.start();
      ScenarioContext ctx =
          context(scenario.name(), driver, obs, metrics, settings, simulator, faults);
      try {
        measured.run(ctx);
      } catch (ScenarioUnsupportedException e) {
        error = e.getMessage();
      } catch (RuntimeException e) {
        // A bug in the lab: report what ran and check it, but do not claim the scenario passed.
        error = "the lab failed inside the scenario: " + e;
        metrics.problem(error);
      } finally {
        metrics.stop();
      }
      progress.phase("settling");
      FinalState fin = fetcher.settle(obs, settings.settleTimeout());
      serverMetrics = ServerMetrics.scrape(http, target, operatorToken).orElse(new TreeMap<>());
      progress.phase("checking");
      anomalies = InvariantChecker.check(obs, fin);
      if (receiver != null) {
        progress.phase("events");
        // Delivery is asynchronous: give what the final state calls for the same bounded time.
        receiver.await(EventChecker.expected(fin), settings.settleTimeout());
        EventChecker.Result checked = EventChecker.check(receiver.deliveries(), fin);
        anomalies =
            Stream.concat(anomalies.stream(), checked.anomalies().stream())
                .sorted(Comparator.comparing(Anomaly::category))
                .toList();
        events = checked.counts();
        receiver.takeProblems().forEach(metrics::problem);
      }
    }
    Histogram latency = metrics.latency();
    TreeMap<String, LatencySummary> ops = new TreeMap<>();
    metrics.latencyByOperation().forEach((op, h) -> ops.put(op, LatencySummary.of(h)));
    ScenarioReport report =
        new ScenarioReport(
            scenario.name(),
            scenario.description(),
            describe(scenario, settings),
            metrics.requests(),
            Math.round(metrics.elapsedNanos() / 1e6) / 1000.0,
            LatencySummary.of(latency),
            ops,
            metrics.statusCounts(),
            metrics.errorCodes(),
            anomalies,
            error == null,
            error,
            metrics.problemCount(),
            metrics.problems(),
            simulator != null,
            encode(latency),
            serverMetrics,
            events,
            metrics.balancerStatusCounts(),
            metrics.oncepayStatusCounts(),
            faults == null || !scenario.name().equals(Scenarios.CHAOS)
                ? null
                : new ChaosSummary(
                    metrics.faults(),
                    obs.orders().size(),
                    obs.payments().size(),
                    metrics.inFlight().gaveUp(),
                    ChaosSummary.unexpected(metrics.oncepayStatusCounts())));
    return new ScenarioRun(report, latency);
  }

  /** The single server, or the topology when --instances or --pgbouncer was given. */
  private Stack spawn(List<String> serverJvmOptions) {
    Map<String, String> passed = new LinkedHashMap<>(SingleStack.passThrough(env));
    passed.putIfAbsent("ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS", SingleStack.LAB_RECEIVER_NETWORK);
    if (options.strategy() != null) {
      passed.put("ONCEPAY_CONCURRENCY_STRATEGY", options.strategy());
      if (options.strategy().equals("unsafe-naive")) {
        passed.put("ONCEPAY_ALLOW_UNSAFE", "true");
      }
    }
    if (options.queue() != null) {
      passed.put("ONCEPAY_QUEUE", options.queue());
    }
    if (!options.topology()) {
      return SingleStack.start(passed, serverJvmOptions, err);
    }
    // The topology brings its own database.
    passed.keySet().removeIf(k -> k.startsWith("ONCEPAY_DB_") && !k.equals("ONCEPAY_DB_POOL_SIZE"));
    return Topology.start(
        new Topology.Spec(options.instances(), options.pgbouncer(), passed, serverJvmOptions), err);
  }

  /** Traffic that only heats the JIT and the pools: nothing recorded, nothing checked. */
  private void warmUp(URI target, String apiKey, HttpClient http, long seed, String runId)
      throws InterruptedException {
    Scenario mix = Scenarios.named("checkout-mix").orElseThrow();
    ScenarioSettings base = settingsFor(mix, seed, runId + "w");
    ScenarioSettings settings =
        new ScenarioSettings(
            base.orders(),
            base.concurrency(),
            new Budget(null, options.warmup()),
            base.rate(),
            seed,
            base.runId(),
            base.settleTimeout());
    ScenarioMetrics metrics = new ScenarioMetrics();
    Observations obs = new Observations();
    try (Driver driver =
            driver(settings, target, apiKey, http, metrics, Driver.DEFAULT_SHOP_ATTEMPTS);
        Progress progress = progress("warm-up", metrics, -1)) {
      metrics.start();
      mix.run(context("warm-up", driver, obs, metrics, settings, null, null));
      metrics.stop();
    }
  }

  /**
   * The scenario's measured phase. A {@link Prepared} one first prepares on a driver and metrics of
   * its own, which are thrown away (their problems are kept), with the scenario's observations, so
   * what it made is checked with the rest.
   */
  private Prepared.Measured prepare(
      Scenario scenario,
      ScenarioSettings settings,
      URI target,
      String apiKey,
      HttpClient http,
      SimulatorControl simulator,
      Observations obs,
      ScenarioMetrics metrics,
      Faults faults)
      throws InterruptedException {
    if (!(scenario instanceof Prepared prepared)) {
      return scenario::run;
    }
    ScenarioMetrics unmeasured = new ScenarioMetrics();
    // The retrying shop whatever the scenario's own: placing orders is not what it measures.
    try (Driver driver =
            driver(settings, target, apiKey, http, unmeasured, Driver.DEFAULT_SHOP_ATTEMPTS);
        Progress progress = progress(scenario.name(), unmeasured, -1)) {
      progress.phase("preparing");
      unmeasured.start();
      Prepared.Measured measured =
          prepared.prepare(
              context(scenario.name(), driver, obs, unmeasured, settings, simulator, faults));
      unmeasured.problems().forEach(p -> metrics.problem("preparation: " + p));
      return measured;
    }
  }

  private Driver driver(
      ScenarioSettings settings,
      URI target,
      String apiKey,
      HttpClient http,
      ScenarioMetrics metrics,
      int shopAttempts) {
    return new Driver(
        target,
        apiKey,
        http,
        options.requestTimeout(),
        settings.concurrency(),
        metrics,
        shopAttempts);
  }

  private Progress progress(String name, ScenarioMetrics metrics, long planned) {
    return Progress.start(options.quiet() ? null : err, isTerminal(), name, metrics, planned);
  }

  private static ScenarioContext context(
      String name,
      Driver driver,
      Observations obs,
      ScenarioMetrics metrics,
      ScenarioSettings settings,
      SimulatorControl simulator,
      Faults faults) {
    return new ScenarioContext(
        name,
        new Api(driver, obs),
        new Shop(driver, obs),
        driver,
        obs,
        metrics,
        settings,
        simulator,
        System.nanoTime(),
        faults);
  }

  /** {@code -Xmx} for spawned servers when a scenario of the run asks for a heap. */
  static List<String> serverJvmOptions(List<Scenario> scenarios) {
    return scenarios.stream()
        .map(Scenario::serverMaxHeap)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(heap -> List.of("-Xmx" + heap))
        .orElse(List.of());
  }

  ScenarioSettings settingsFor(Scenario scenario, long seed, String runId) {
    Budget budget = options.budget().orElse(scenario.defaultBudget());
    return new ScenarioSettings(
        options.orders() != null ? options.orders() : scenario.defaultOrders(),
        options.concurrency() != null ? options.concurrency() : scenario.defaultConcurrency(),
        budget,
        options.rate(),
        seed,
        runId,
        options.settleTimeout());
  }

  private static Map<String, Object> describe(Scenario scenario, ScenarioSettings s) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (scenario.defaultOrders() > 0) {
      settings.put("orders", s.orders());
    }
    settings.put("concurrency", s.concurrency());
    if (s.budget().requests() != null) {
      settings.put("requests", s.budget().requests());
    }
    if (s.budget().duration() != null) {
      settings.put("duration_s", s.budget().duration().toMillis() / 1000.0);
    }
    if (List.of("checkout-mix", "async-pay", Scenarios.CHAOS).contains(scenario.name())) {
      settings.put("rate_per_s", s.rate());
    }
    if (scenario.gatewayLatency() != null) {
      settings.put("gateway_latency_ms", scenario.gatewayLatency().toMillis());
    }
    settings.put("settle_timeout_s", s.settleTimeout().toMillis() / 1000.0);
    return settings;
  }

  /** Null when the endpoint is back as it was, else why not. */
  private static String restore(MerchantEndpoint endpoint) {
    try {
      endpoint.restore();
      return null;
    } catch (LabConnectionException e) {
      return "could not restore the merchant's webhook endpoint"
          + (endpoint.previousUrl() == null ? "" : " (" + endpoint.previousUrl() + ")")
          + ": "
          + e.getMessage();
    }
  }

  /** Fails fast with exit status 2 when the service is not there or refuses the key. */
  private static void probe(OncepayClient inspector, URI target) {
    ApiResult answer;
    try {
      answer = inspector.send("GET", "/v1/orders/ord_race_lab_probe", null, null);
    } catch (OncepayConnectionException e) {
      throw new LabConnectionException(
          "cannot reach the service at " + target + ": " + rootMessage(e), e);
    }
    if (answer.status() == 401) {
      throw new LabConnectionException("the service at " + target + " rejected the API key (401)");
    }
    if (answer.status() >= 500) {
      throw new LabConnectionException(
          "the service at " + target + " answered " + answer.status() + " to a probe");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null
        ? t.toString()
        : t.getClass().getSimpleName() + " " + t.getMessage();
  }

  private boolean writeReports(RunReport report) {
    try {
      write(options.reportJson(), JsonReport.write(report));
      out.println("JSON report: " + options.reportJson().toAbsolutePath());
      if (options.reportHtml() != null) {
        write(options.reportHtml(), HtmlReport.write(report));
        out.println("HTML report: " + options.reportHtml().toAbsolutePath());
      }
      return true;
    } catch (IOException e) {
      err.println("oncepay race: cannot write the report: " + e);
      return false;
    }
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static String encode(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  private static boolean isTerminal() {
    var console = System.console();
    return console != null && console.isTerminal();
  }

  private static String randomRunId() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }
}
