package com.oncepay.sim;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as its own process ({@code ./oncepay gateway-sim --port 8081}) until SIGTERM
 * or Ctrl-C.
 */
public final class GatewaySimulatorMain {

  static final int DEFAULT_PORT = 8081;
  static final String SECRET_ENV = "ONCEPAY_SIM_WEBHOOK_SECRET";

  static final String USAGE =
      """
      usage: gateway-sim [--port P] [--host H] [--webhook-url URL] [--webhook-secret S]
                         [--latency-mean-ms N] [--latency-jitter-ms N]
        --port               port to listen on (default 8081; 0 picks a free one)
        --host               interface to bind (default 127.0.0.1)
        --webhook-url        where pm_async events are POSTed (default: none sent)
        --webhook-secret     signing secret (default: $ONCEPAY_SIM_WEBHOOK_SECRET, else a dev secret)
        --latency-mean-ms    latency added to every /v1 request (default 0)
        --latency-jitter-ms  uniform +/- spread of that latency (default 0)
        --data-dir           keep the ledger and idempotency records here, so a restart (even
                             after kill -9) remembers every charge (default: in memory only)
      Other knobs: POST /sim/knobs; outages: POST /sim/outage.
      """;

  private static final Set<String> FLAGS =
      Set.of(
          "--port",
          "--host",
          "--webhook-url",
          "--webhook-secret",
          "--latency-mean-ms",
          "--latency-jitter-ms",
          "--data-dir");

  /** Parsed command line. */
  record Options(SimSettings settings, boolean devSecret, boolean help) {}

  private GatewaySimulatorMain() {}

  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the simulator and blocks until the JVM shuts down. Returns 2 on a usage error (after
   * printing why), 0 after {@code --help} or a normal shutdown.
   */
  public static int run(String[] args) {
    Options options;
    try {
      options = parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("gateway-sim: " + e.getMessage());
      System.err.print(USAGE);
      return 2;
    }
    if (options.help()) {
      System.out.print(USAGE);
      return 0;
    }
    GatewaySimulator sim;
    try {
      sim = GatewaySimulator.start(options.settings());
    } catch (RuntimeException e) {
      System.err.println("gateway-sim: " + e.getMessage());
      return 2;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                },
                "gateway-sim-shutdown"));
    printBanner(System.out, sim, options);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sim.close();
    }
    return 0;
  }

  static void printBanner(PrintStream out, GatewaySimulator sim, Options options) {
    out.println("gateway simulator listening on " + sim.baseUrl());
    if (options.devSecret()) {
      out.println(
          "webhook secret (development default, set "
              + SECRET_ENV
              + " or --webhook-secret): "
              + SimSettings.DEV_WEBHOOK_SECRET);
    }
    out.flush();
  }

  /** Hand-parsed on purpose: six flags do not justify a dependency. */
  static Options parse(String[] args, Map<String, String> env) {
    String host = "127.0.0.1";
    int port = DEFAULT_PORT;
    URI webhookUrl = null;
    String secret = null;
    long latencyMean = 0;
    long latencyJitter = 0;
    Path dataDir = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Options(SimSettings.defaults(), false, true);
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (!FLAGS.contains(name)) {
        throw new IllegalArgumentException(
            name.startsWith("-") ? "unknown option " + name : "unexpected argument " + arg);
      }
      String value;
      if (eq > 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      switch (name) {
        case "--port" -> port = (int) number(name, value, 65_535);
        case "--host" -> host = value;
        case "--webhook-url" -> webhookUrl = webhookUrl(value);
        case "--webhook-secret" -> secret = value;
        case "--latency-mean-ms" -> latencyMean = number(name, value, Long.MAX_VALUE);
        case "--latency-jitter-ms" -> latencyJitter = number(name, value, Long.MAX_VALUE);
        case "--data-dir" -> dataDir = Path.of(value);
        default -> throw new IllegalStateException("flag listed but not handled: " + name);
      }
    }
    if (secret == null || secret.isBlank()) {
      secret = env.get(SECRET_ENV);
    }
    boolean devSecret = secret == null || secret.isBlank();
    if (devSecret) {
      secret = SimSettings.DEV_WEBHOOK_SECRET;
    }
    var knobs = SimKnobs.defaults().withLatency(latencyMean, latencyJitter);
    return new Options(
        new SimSettings(host, port, webhookUrl, secret, knobs, dataDir), devSecret, false);
  }

  private static long number(String name, String value, long max) {
    try {
      long n = Long.parseLong(value);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a number from 0 to " + max + ": " + value);
  }

  private static URI webhookUrl(String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException("--webhook-url must be an http(s) URL: " + value);
  }
}
