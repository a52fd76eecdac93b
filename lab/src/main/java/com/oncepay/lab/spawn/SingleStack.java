package com.oncepay.lab.spawn;

import com.oncepay.lab.scenario.Faults;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --spawn} alone: a gateway simulator and one oncepay server of our own, as child processes
 * of the server jar, on free local ports, in a temporary directory (so the embedded database lives
 * under {@code <tmp>/.oncepay}).
 */
public final class SingleStack implements Stack {

  static final String READY_LINE = "oncepay is serving on http://";

  /** Passed through to the spawned servers when set, so the lab can race every configuration. */
  public static final List<String> PASS_THROUGH =
      List.of(
          "ONCEPAY_DB_URL",
          "ONCEPAY_DB_USER",
          "ONCEPAY_DB_PASSWORD",
          "ONCEPAY_DB_POOL_SIZE",
          "ONCEPAY_CONCURRENCY_STRATEGY",
          "ONCEPAY_ALLOW_UNSAFE",
          "ONCEPAY_QUEUE",
          "ONCEPAY_REDIS_URL",
          "ONCEPAY_RABBITMQ_URL",
          "ONCEPAY_LOG_FORMAT",
          "ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS",
          "ONCEPAY_OPERATOR_TOKEN");

  /**
   * The lab's webhook receiver listens on 127.0.0.1, which oncepay refuses as a merchant endpoint
   * when its gateway is external (docs/security.md), so spawned servers let exactly that address
   * through unless ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS says otherwise.
   */
  public static final String LAB_RECEIVER_NETWORK = "127.0.0.1/32";

  private static final Duration SERVER_START = Duration.ofSeconds(120);
  private static final Duration SIMULATOR_START = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Path dir;
  private final URI serverUrl;
  private final URI simulatorUrl;
  private final String apiKey;
  private final Map<String, String> env;
  private final List<String> serverJvmOptions;
  private final String webhookSecret = "whsec_lab_" + Secrets.hex(16);
  private final String operatorToken;
  private final List<ChildProcess> processes = new ArrayList<>();
  private volatile SpawnedRabbitMq rabbitmq;
  private volatile SpawnedRedis redis;
  private final Thread shutdownHook;
  private boolean forced;

  private SingleStack(
      Path dir,
      URI serverUrl,
      URI simulatorUrl,
      String apiKey,
      Map<String, String> env,
      List<String> serverJvmOptions) {
    this.dir = dir;
    this.serverUrl = serverUrl;
    this.simulatorUrl = simulatorUrl;
    this.apiKey = apiKey;
    this.env = env;
    this.serverJvmOptions = List.copyOf(serverJvmOptions);
    this.operatorToken = env.getOrDefault("ONCEPAY_OPERATOR_TOKEN", "op_lab_" + Secrets.hex(24));
    this.shutdownHook = new Thread(this::stopAll, "race-lab-stop-spawned");
  }

  /** The {@code PASS_THROUGH} variables that {@code env} sets. */
  public static Map<String, String> passThrough(Map<String, String> env) {
    Map<String, String> passed = new java.util.LinkedHashMap<>();
    for (String name : PASS_THROUGH) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        passed.put(name, value);
      }
    }
    return passed;
  }

  /** Starts both, the server with the JVM's default options. */
  public static SingleStack start(Map<String, String> passed, PrintStream log) {
    return start(passed, List.of(), log);
  }

  /**
   * Starts both, waits until both answer; on any failure stops what it started and throws.
   *
   * @param serverJvmOptions options of the server's JVM (not the simulator's), such as {@code
   *     -Xmx512m}
   */
  public static SingleStack start(
      Map<String, String> passed, List<String> serverJvmOptions, PrintStream log) {
    ServerJar.requireBuilt();
    Path dir = Dirs.createRunDir();
    Ports ports = new Ports();
    int simPort = ports.next();
    int serverPort = ports.next();
    URI simUrl = URI.create("http://127.0.0.1:" + simPort);
    URI serverUrl = URI.create("http://127.0.0.1:" + serverPort);
    SingleStack stack =
        new SingleStack(
            dir,
            serverUrl,
            simUrl,
            "sk_lab_" + Secrets.hex(16),
            Map.copyOf(passed),
            serverJvmOptions);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    try {
      stack.startBoth(log, ports, simPort, serverPort);
      return stack;
    } catch (RuntimeException e) {
      stack.close(false);
      throw e;
    }
  }

  private void startBoth(PrintStream log, Ports ports, int simPort, int serverPort) {
    ServerJar jar = ServerJar.copyInto(dir);
    log.println("spawning gateway simulator on " + simulatorUrl + " and server on " + serverUrl);
    log.println("  (logs in " + dir + ")");
    ChildProcess sim =
        launch(
            "gateway simulator",
            jar.command(
                "gateway-sim",
                "--port",
                Integer.toString(simPort),
                "--webhook-url",
                serverUrl + "/v1/webhooks/sim",
                "--webhook-secret",
                webhookSecret),
            "simulator.log");
    URI knobs = URI.create(simulatorUrl + "/sim/knobs");
    Readiness.await(sim, SIMULATOR_START, "gateway simulator", () -> Readiness.answers200(knobs));
    ProcessBuilder server =
        jar.command(
            serverJvmOptions, "serve", "--oncepay.gateway.webhook-secrets=" + webhookSecret);
    String redisUrl = null;
    if (SpawnedRedis.wanted(env)) {
      redis = SpawnedRedis.start(dir, ports.next());
      redisUrl = redis.url().toString();
    }
    Map<String, String> childEnv = server.environment();
    childEnv.keySet().removeIf(k -> k.startsWith("ONCEPAY_"));
    childEnv.putAll(env);
    if (SpawnedRabbitMq.wanted(env)) {
      rabbitmq = SpawnedRabbitMq.start(dir, ports.next(), ports.next());
      childEnv.put("ONCEPAY_RABBITMQ_URL", rabbitmq.url());
    }
    childEnv.put("ONCEPAY_PORT", Integer.toString(serverPort));
    childEnv.put("ONCEPAY_GATEWAY_URL", simulatorUrl.toString());
    childEnv.put("ONCEPAY_BOOTSTRAP_API_KEY", apiKey);
    childEnv.putIfAbsent("ONCEPAY_OPERATOR_TOKEN", operatorToken);
    childEnv.put("ONCEPAY_HOME", dir.resolve(".oncepay").toString());
    if (redisUrl != null) {
      childEnv.put("ONCEPAY_REDIS_URL", redisUrl);
    }
    ChildProcess serverProcess = launch("server", server, "server.log");
    URI health = URI.create(serverUrl + "/actuator/health");
    Readiness.await(
        serverProcess,
        SERVER_START,
        "server",
        () ->
            Logs.tail(serverProcess.log(), 200).contains(READY_LINE)
                && Readiness.answers200(health));
  }

  private ChildProcess launch(String name, ProcessBuilder command, String logName) {
    ChildProcess p = ChildProcess.start(name, command, dir, dir.resolve(logName));
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  @Override
  public URI serverUrl() {
    return serverUrl;
  }

  @Override
  public URI simulatorUrl() {
    return simulatorUrl;
  }

  @Override
  public String apiKey() {
    return apiKey;
  }

  /** What the simulator signs its webhooks with, and the server accepts. */
  public String gatewayWebhookSecret() {
    return webhookSecret;
  }

  @Override
  public String operatorToken() {
    return operatorToken;
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public String description() {
    String strategy = env.get("ONCEPAY_CONCURRENCY_STRATEGY");
    return "Spawned a gateway simulator and a server ("
        + (env.get("ONCEPAY_DB_URL") == null ? "embedded PostgreSQL" : "ONCEPAY_DB_URL")
        + ", concurrency strategy "
        + (strategy == null ? "default" : strategy)
        + (redis != null ? ", on the lab's own redis-server" : "")
        + (rabbitmq != null ? ", the work queue on the lab's own RabbitMQ node" : "")
        + (serverJvmOptions.isEmpty()
            ? ""
            : ", the server's JVM with " + String.join(" ", serverJvmOptions))
        + ").";
  }

  @Override
  public Faults faults() {
    return null;
  }

  /**
   * Stops the server first (it may still call the simulator), then the simulator; deletes the
   * directory (logs, embedded database) unless asked to keep it or a process had to be killed.
   */
  @Override
  public boolean close(boolean keep) {
    stopAll();
    return Dirs.finish(dir, shutdownHook, keep || forced);
  }

  private void stopAll() {
    List<ChildProcess> started;
    synchronized (processes) {
      started = new ArrayList<>(processes).reversed();
      processes.clear();
    }
    for (ChildProcess p : started) {
      if (!p.stop(STOP_GRACE)) {
        forced = true;
      }
    }
    // After the server, which holds connections to them.
    SpawnedRabbitMq q = rabbitmq;
    if (q != null) {
      q.stop();
    }
    SpawnedRedis r = redis;
    if (r != null) {
      r.stop();
    }
  }
}
