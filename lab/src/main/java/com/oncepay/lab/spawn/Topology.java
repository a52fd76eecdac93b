package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import com.oncepay.lab.scenario.Faults;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --spawn --instances N [--pgbouncer]}: the deployment of docs/deployment.md on one machine,
 * in a temporary directory, on free 127.0.0.1 ports — the lab's own PostgreSQL, optionally
 * PgBouncer, one gateway simulator with a durable journal, N oncepay instances and HAProxy in front
 * of them. Every scenario's traffic, and the simulator's webhooks, go through the balancer.
 *
 * <p>Everything is stopped by the PID the lab got when it started it (PostgreSQL with {@code pg_ctl
 * stop -m fast}); nothing else on the machine is touched.
 */
public final class Topology implements Stack, Faults {

  /**
   * @param instances N ≥ 1
   * @param pgbouncer route the instances' pools through PgBouncer
   * @param env the {@code ONCEPAY_*} settings to pass to every instance (strategy, queue, …)
   * @param serverJvmOptions options of every instance's JVM, such as {@code -Xmx512m}
   */
  public record Spec(
      int instances, boolean pgbouncer, Map<String, String> env, List<String> serverJvmOptions) {
    public Spec {
      if (instances < 1) {
        throw new IllegalArgumentException("instances must be at least 1");
      }
      env = Map.copyOf(env);
      serverJvmOptions = List.copyOf(serverJvmOptions);
    }
  }

  /** The pool each instance opens unless ONCEPAY_DB_POOL_SIZE says otherwise (the server's). */
  static final int DEFAULT_POOL_SIZE = 20;

  private final Spec spec;
  private final Path dir;
  private final String apiKey;
  private final String operatorToken;
  private final Thread shutdownHook;
  private SpawnedPostgres postgres;
  private SpawnedPgBouncer pgbouncer;
  private SpawnedRabbitMq rabbitmq;
  private SpawnedSimulator simulator;
  private SpawnedRedis redis;
  private final List<SpawnedInstance> instances = new ArrayList<>();
  private SpawnedHaproxy haproxy;
  private volatile boolean forced;
  private boolean closed;

  private Topology(Spec spec, Path dir, String apiKey) {
    this.spec = spec;
    this.dir = dir;
    this.apiKey = apiKey;
    this.operatorToken =
        spec.env().getOrDefault("ONCEPAY_OPERATOR_TOKEN", "op_lab_" + Secrets.hex(24));
    this.shutdownHook = new Thread(this::stopAll, "race-lab-stop-topology");
  }

  /**
   * PostgreSQL's {@code max_connections} for N instances: each opens its pool and one LISTEN
   * connection; two spare per instance (a restarted instance's pool may overlap the dead one's
   * connections until PostgreSQL notices) and 10 for the admin and the checks.
   */
  static int maxConnections(int instances, int poolSize) {
    return instances * (poolSize + 1 + 2) + 10;
  }

  /** Starts everything, waits until the balancer answers; on failure stops what it started. */
  public static Topology start(Spec spec, PrintStream log) {
    Path deploy = ServerJar.deployDir();
    Path haproxyCfg = deploy.resolve("haproxy/haproxy.cfg");
    Path pgbouncerIni = deploy.resolve("pgbouncer/pgbouncer.ini");
    // Fail on a missing program before creating anything.
    Binaries.postgresBin();
    Binaries.haproxy();
    if (spec.pgbouncer()) {
      Binaries.pgbouncer();
    }
    Binaries.unprivileged();
    Path dir = Dirs.createRunDir();
    Topology t = new Topology(spec, dir, "sk_lab_" + Secrets.hex(16));
    Runtime.getRuntime().addShutdownHook(t.shutdownHook);
    try {
      t.startAll(spec, log, haproxyCfg, pgbouncerIni);
      return t;
    } catch (RuntimeException e) {
      t.close(true);
      throw e;
    }
  }

  private void startAll(Spec spec, PrintStream log, Path haproxyCfg, Path pgbouncerIni) {
    ServerJar jar = ServerJar.copyInto(dir);
    Ports ports = new Ports();
    int poolSize = poolSize(spec.env());
    log.println(
        "spawning a topology: PostgreSQL"
            + (spec.pgbouncer() ? ", PgBouncer" : "")
            + ", a gateway simulator, "
            + spec.instances()
            + " oncepay instance"
            + (spec.instances() == 1 ? "" : "s")
            + " and HAProxy");
    log.println("  (logs in " + dir + ")");
    int pgPort = ports.next();
    postgres =
        guarded(
            () -> SpawnedPostgres.start(dir, pgPort, maxConnections(spec.instances(), poolSize)));
    int dbPort = postgres.port();
    if (spec.pgbouncer()) {
      int bouncerPort = ports.next();
      pgbouncer =
          guarded(() -> SpawnedPgBouncer.start(dir, bouncerPort, postgres.port(), pgbouncerIni));
      dbPort = pgbouncer.port();
    }
    int balancerPort = ports.next();
    List<Integer> instancePorts = new ArrayList<>();
    for (int i = 0; i < spec.instances(); i++) {
      instancePorts.add(ports.next());
    }
    URI balancer = URI.create("http://127.0.0.1:" + balancerPort);
    String webhookSecret = "whsec_lab_" + Secrets.hex(16);
    int simPort = ports.next();
    simulator =
        guarded(
            () ->
                SpawnedSimulator.start(
                    jar, dir, simPort, URI.create(balancer + "/v1/webhooks/sim"), webhookSecret));
    Map<String, String> env = new LinkedHashMap<>(spec.env());
    env.put(
        "ONCEPAY_DB_URL", "jdbc:postgresql://127.0.0.1:" + dbPort + "/" + SpawnedPostgres.DATABASE);
    env.put("ONCEPAY_DB_USER", SpawnedPostgres.USER);
    env.remove("ONCEPAY_DB_PASSWORD");
    // LISTEN needs a session of its own, which a transaction-mode pooler cannot give.
    env.put("ONCEPAY_DB_LISTEN_URL", postgres.jdbcUrl());
    env.put("ONCEPAY_GATEWAY_URL", simulator.url().toString());
    if (SpawnedRabbitMq.wanted(env)) {
      int amqpPort = ports.next();
      int distPort = ports.next();
      rabbitmq = guarded(() -> SpawnedRabbitMq.start(dir, amqpPort, distPort));
      env.put("ONCEPAY_RABBITMQ_URL", rabbitmq.url());
    }
    env.put("ONCEPAY_BOOTSTRAP_API_KEY", apiKey);
    env.putIfAbsent("ONCEPAY_OPERATOR_TOKEN", operatorToken);
    if (SpawnedRedis.wanted(env)) {
      int redisPort = ports.next();
      redis = guarded(() -> SpawnedRedis.start(dir, redisPort));
      env.put("ONCEPAY_REDIS_URL", redis.url().toString());
    }
    // The first instance migrates the schema alone; the others start together after it.
    for (int i = 0; i < spec.instances(); i++) {
      String name = "instance-" + (i + 1);
      int port = instancePorts.get(i);
      guarded(
          () ->
              instances.add(
                  SpawnedInstance.launch(
                      name, jar, spec.serverJvmOptions(), dir, port, env, webhookSecret)));
      if (i == 0) {
        instances.getFirst().awaitReady();
      }
    }
    inParallel(instances.subList(1, instances.size()), SpawnedInstance::awaitReady);
    haproxy = guarded(() -> SpawnedHaproxy.start(dir, balancerPort, haproxyCfg, instancePorts));
    URI readiness = URI.create(balancer + "/actuator/health/readiness");
    Readiness.await(
        null, Duration.ofSeconds(30), "balancer", () -> Readiness.answers200(readiness));
  }

  /**
   * Starts a process only while the topology is open, under the lock that {@link #stopAll} takes:
   * an interrupt (Ctrl-C, SIGTERM) during start-up then stops everything that was started, instead
   * of racing a launch that would leave an orphan.
   */
  private synchronized <T> T guarded(java.util.function.Supplier<T> start) {
    if (closed) {
      throw new LabConnectionException("the topology is being stopped");
    }
    return start.get();
  }

  private static int poolSize(Map<String, String> env) {
    try {
      return Integer.parseInt(env.getOrDefault("ONCEPAY_DB_POOL_SIZE", "" + DEFAULT_POOL_SIZE));
    } catch (NumberFormatException e) {
      return DEFAULT_POOL_SIZE;
    }
  }

  private static <T> void inParallel(List<T> items, java.util.function.Consumer<T> action) {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(threads.submit(() -> action.accept(item)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new LabConnectionException("could not start an instance: " + e.getCause(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LabConnectionException("interrupted while starting the instances", e);
        }
      }
    }
  }

  @Override
  public URI serverUrl() {
    return haproxy.url();
  }

  @Override
  public URI simulatorUrl() {
    return simulator.url();
  }

  @Override
  public String apiKey() {
    return apiKey;
  }

  @Override
  public String operatorToken() {
    return operatorToken;
  }

  @Override
  public Path dir() {
    return dir;
  }

  public List<SpawnedInstance> instanceList() {
    return List.copyOf(instances);
  }

  @Override
  public String description() {
    String strategy = spec.env().get("ONCEPAY_CONCURRENCY_STRATEGY");
    return "Spawned a topology: "
        + spec.instances()
        + " oncepay instance"
        + (spec.instances() == 1 ? "" : "s")
        + " behind HAProxy (deploy/haproxy/haproxy.cfg), "
        + (spec.pgbouncer()
            ? "through PgBouncer (deploy/pgbouncer/pgbouncer.ini, LISTEN direct) to"
            : "directly on")
        + " the lab's own PostgreSQL, one gateway simulator with a durable journal; concurrency"
        + " strategy "
        + (strategy == null ? "default" : strategy)
        + (redis != null ? " (on the lab's own redis-server, nothing on disk)" : "")
        + (rabbitmq != null ? "; the work queue on the lab's own RabbitMQ node" : "")
        + (spec.serverJvmOptions().isEmpty()
            ? ""
            : "; every instance's JVM with " + String.join(" ", spec.serverJvmOptions()))
        + "."
        + (haproxy != null && haproxy.loweredMaxconn().isPresent()
            ? " HAProxy ran with -n "
                + haproxy.loweredMaxconn().getAsInt()
                + " (haproxy.cfg says maxconn 10000, which needs more open files than this"
                + " machine's hard limit allows)."
            : "");
  }

  @Override
  public Faults faults() {
    return this;
  }

  @Override
  public java.util.SortedMap<String, Long> requestsByInstance() {
    java.util.SortedMap<String, Long> served = new java.util.TreeMap<>();
    for (SpawnedInstance instance : instances) {
      URI metrics = URI.create(instance.url() + "/actuator/prometheus");
      Readiness.body(metrics, operatorToken)
          .ifPresent(body -> served.put(instance.name(), apiRequests(body)));
    }
    return served;
  }

  /**
   * The sum of {@code oncepay_http_requests_seconds_count}: every API request the instance
   * answered. The balancer's health checks (every 500 ms on {@code /actuator/health/readiness}) are
   * not API requests and are not in it, or every instance would look busy.
   */
  static long apiRequests(String exposition) {
    long total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("oncepay_http_requests_seconds_count{")) {
        try {
          total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
          // not a sample line
        }
      }
    }
    return total;
  }

  // ---- Faults

  @Override
  public int instances() {
    return instances.size();
  }

  @Override
  public boolean instanceUp(int i) {
    return instances.get(i).isUp();
  }

  @Override
  public void killInstance(int i) {
    instances.get(i).kill();
  }

  @Override
  public int restartInstance(int i) {
    return instances.get(i).restart();
  }

  @Override
  public void restartPostgres() {
    postgres.restart();
  }

  @Override
  public void killGateway() {
    simulator.kill();
  }

  @Override
  public void restartGateway() {
    simulator.restart();
  }

  @Override
  public boolean hasRedis() {
    return redis != null;
  }

  @Override
  public void killRedis() {
    redis.kill();
  }

  @Override
  public void restartRedis() {
    redis.restart();
  }

  @Override
  public boolean hasPgBouncer() {
    return pgbouncer != null;
  }

  @Override
  public void killPgBouncer() {
    pgbouncer.kill();
  }

  @Override
  public void restartPgBouncer() {
    pgbouncer.restart();
  }

  @Override
  public boolean hasRabbitMq() {
    return rabbitmq != null;
  }

  @Override
  public void stopRabbitMq() {
    rabbitmq.stopProcess();
  }

  @Override
  public void startRabbitMq() {
    rabbitmq.restart();
  }

  // ---- stopping

  @Override
  public synchronized boolean close(boolean keep) {
    stopAll();
    return Dirs.finish(dir, shutdownHook, keep || forced);
  }

  /** The balancer first (no new traffic), then the instances, the simulator, the database. */
  private synchronized void stopAll() {
    if (closed) {
      return;
    }
    closed = true;
    if (haproxy != null) {
      haproxy.stop();
    }
    inParallel(
        instances,
        instance -> {
          if (!instance.stop()) {
            forced = true;
          }
        });
    if (simulator != null) {
      simulator.stop();
    }
    if (rabbitmq != null) {
      rabbitmq.stop();
    }
    if (redis != null) {
      redis.stop();
    }
    if (pgbouncer != null) {
      pgbouncer.stop();
    }
    if (postgres != null) {
      postgres.stop();
    }
  }
}
