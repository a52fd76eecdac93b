package com.oncepay.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * All of oncepay's settings, bound from {@code oncepay.*} properties and the matching {@code
 * ONCEPAY_*} environment variables. Checked once at start-up: a bad value stops the service with a
 * message that says what to fix, instead of surfacing as a race in production.
 */
@ConfigurationProperties("oncepay")
public record OncepayProperties(
    @DefaultValue(".oncepay") Path home,
    String bootstrapApiKey,
    @DefaultValue("conditional") String concurrencyStrategy,
    @DefaultValue("false") boolean allowUnsafe,
    @DefaultValue("postgres") String queue,
    @DefaultValue Rabbitmq rabbitmq,
    @DefaultValue Db db,
    @DefaultValue Redis redis,
    @DefaultValue Gateway gateway,
    @DefaultValue Idempotency idempotency,
    @DefaultValue Worker worker,
    @DefaultValue Liveness liveness,
    @DefaultValue Webhooks webhooks,
    @DefaultValue("65536") int maxBodyBytes,
    @DefaultValue("3s") Duration drainDelay,
    @DefaultValue Limits limits,
    @DefaultValue Operator operator,
    @DefaultValue Auth auth) {

  /** How payment races are decided; each has one implementation in {@code payment.claims}. */
  public enum Strategy {
    CONDITIONAL,
    PESSIMISTIC,
    OPTIMISTIC,
    ADVISORY,
    /** A Redisson fenced lock in Redis first, then the guarded write with the fencing token. */
    REDIS,
    /** Read, decide, write unguarded: the race lab's proof that it catches races. */
    UNSAFE_NAIVE;

    /** The name in ONCEPAY_CONCURRENCY_STRATEGY: {@code unsafe-naive} for UNSAFE_NAIVE. */
    public String settingName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<Strategy> parse(String setting) {
      return Arrays.stream(values()).filter(s -> s.settingName().equals(setting)).findFirst();
    }
  }

  /** Server-side prepared statements, as ONCEPAY_DB_PREPARED_STATEMENTS sets them. */
  public enum PreparedStatements {
    /** Server-side when connected directly, off behind a pooler (persistence.DatabaseRoute). */
    AUTO,
    /** Always: only for a pooler that keeps them per client (PgBouncer 1.21+). */
    ON,
    OFF
  }

  /** ONCEPAY_QUEUE: the outbox table worked by PostgreSQL workers, or relayed to RabbitMQ. */
  public static final String POSTGRES = "postgres";

  public static final String RABBITMQ = "rabbitmq";
  public static final List<String> QUEUES = List.of(POSTGRES, RABBITMQ);

  /** True when jobs travel through RabbitMQ (ONCEPAY_QUEUE=rabbitmq). */
  public boolean rabbitmqQueue() {
    return queue.equals(RABBITMQ);
  }

  public OncepayProperties {
    if (Strategy.parse(concurrencyStrategy).isEmpty()) {
      throw new IllegalArgumentException(
          "ONCEPAY_CONCURRENCY_STRATEGY="
              + concurrencyStrategy
              + " is unknown; use one of "
              + Arrays.stream(Strategy.values()).map(Strategy::settingName).toList());
    }
    if (concurrencyStrategy.equals("redis") && redis.url() == null) {
      throw new IllegalArgumentException(
          "ONCEPAY_CONCURRENCY_STRATEGY=redis needs ONCEPAY_REDIS_URL"
              + " (redis://[:password@]host:port[/db])");
    }
    if (concurrencyStrategy.equals("unsafe-naive") && !allowUnsafe) {
      throw new IllegalArgumentException(
          "ONCEPAY_CONCURRENCY_STRATEGY=unsafe-naive decides races by reading then writing, and"
              + " WILL double-charge and lose updates. It exists only to show that the race lab"
              + " catches that; set ONCEPAY_ALLOW_UNSAFE=true to start it anyway.");
    }
    if (!QUEUES.contains(queue)) {
      throw new IllegalArgumentException(
          "ONCEPAY_QUEUE=" + queue + " is unknown; use one of " + QUEUES);
    }
    if (queue.equals(RABBITMQ) && rabbitmq.url() == null) {
      throw new IllegalArgumentException(
          "ONCEPAY_QUEUE=rabbitmq needs ONCEPAY_RABBITMQ_URL, e.g."
              + " amqp://user:password@127.0.0.1:5672/vhost");
    }
    Duration worstGatewayCall = gateway.readTimeout().multipliedBy(gateway.maxAttempts());
    if (idempotency.lease().compareTo(worstGatewayCall) <= 0) {
      throw new IllegalArgumentException(
          "oncepay.idempotency.lease ("
              + idempotency.lease()
              + ") must be longer than gateway read-timeout x max-attempts ("
              + worstGatewayCall
              + "), or a retry could take over a key whose request is still running");
    }
    if (drainDelay.isNegative() || drainDelay.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("ONCEPAY_DRAIN_DELAY must be between 0s and 1m");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("oncepay.max-body-bytes must be at least 1024");
    }
  }

  /**
   * Overload defences per instance: each merchant's requests per second (a token bucket of {@code
   * burst} tokens, refilled at {@code requestsPerSecond}; 0 turns it off) and the API requests
   * being served at once, past which new ones are shed with 503 before they queue for the pool.
   * Generous by default: the race lab and the benchmarks never meet them. Of the requests in
   * flight, at most {@code maxRunning} run at once (0: as many as the pool has connections) and the
   * others wait for a slot, in arrival order, up to {@code admissionWait} (admission.Admission).
   */
  public record Limits(
      @DefaultValue("2000") int requestsPerSecond,
      @DefaultValue("4000") int burst,
      @DefaultValue("2000") int maxInFlight,
      @DefaultValue("0") int maxRunning,
      @DefaultValue("10s") Duration admissionWait) {
    public Limits {
      if (requestsPerSecond < 0
          || burst < requestsPerSecond
          || (requestsPerSecond > 0 && burst < 1)) {
        throw new IllegalArgumentException(
            "oncepay.limits: requests-per-second must be >= 0 and burst at least as large");
      }
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("oncepay.limits.max-in-flight must be at least 1");
      }
      if (maxRunning < 0) {
        throw new IllegalArgumentException(
            "oncepay.limits.max-running must be at least 1, or 0 for the pool size");
      }
      if (admissionWait.isNegative()) {
        throw new IllegalArgumentException("oncepay.limits.admission-wait must not be negative");
      }
    }

    /** The bound on running requests, given the pool's size. */
    public int maxRunningFor(int poolSize) {
      return maxRunning == 0 ? poolSize : maxRunning;
    }
  }

  /** The concurrency strategy in use, as checked at start-up. */
  public Strategy strategy() {
    return Strategy.parse(concurrencyStrategy).orElseThrow();
  }

  /**
   * The Redis of the {@code redis} strategy (unused by the others). {@code lockWait} bounds the
   * wait for a busy lock, which holds the claim's pooled connection, so it is short; after it the
   * claim has lost to the holder (409 busy with Retry-After, or the definite answer); {@code
   * lockLease} is how long a holder keeps the lock without releasing it: an explicit lease, never
   * renewed, so a paused holder really loses it (the fencing token then refuses its write). It must
   * outlast a claim transaction, which statement_timeout bounds. {@code timeout} bounds every Redis
   * command and connection attempt, so a Redis that is down or slow answers 503 in about that long;
   * {@code counterTtl} is how long an idle object's token counter is kept. docs/architecture.md
   */
  public record Redis(
      URI url,
      @DefaultValue("50ms") Duration lockWait,
      @DefaultValue("10s") Duration lockLease,
      @DefaultValue("500ms") Duration timeout,
      @DefaultValue("1d") Duration counterTtl) {
    public Redis {
      if (url != null && url.toString().isBlank()) {
        url = null;
      }
      if (url != null && !("redis".equals(url.getScheme()) || "rediss".equals(url.getScheme()))) {
        throw new IllegalArgumentException(
            "ONCEPAY_REDIS_URL must be redis://[:password@]host:port[/db], got " + url);
      }
      if (timeout.toMillis() < 1 || lockWait.isNegative()) {
        throw new IllegalArgumentException(
            "oncepay.redis.timeout must be at least 1ms and oncepay.redis.lock-wait at least 0");
      }
      if (lockLease.compareTo(lockWait.plus(timeout)) <= 0) {
        throw new IllegalArgumentException(
            "oncepay.redis.lock-lease ("
                + lockLease
                + ") must be longer than lock-wait + timeout, or a holder could lose its lock"
                + " before its claim transaction has begun");
      }
      if (counterTtl.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("oncepay.redis.counter-ttl must be at least 1m");
      }
    }
  }

  /**
   * External PostgreSQL; with no URL, an embedded server is started under {@link #home()}. {@code
   * listenUrl} is where the queue LISTENs when {@code url} goes through a pooler (a direct
   * connection to PostgreSQL; unset: the pool's URL when direct, none (polling only) behind a
   * pooler). docs/deployment.md
   */
  public record Db(
      String url,
      String listenUrl,
      @DefaultValue("auto") PreparedStatements preparedStatements,
      @DefaultValue("postgres") String user,
      String password,
      @DefaultValue("20") int poolSize,
      @DefaultValue("2s") Duration connectionTimeout,
      @DefaultValue("5s") Duration statementTimeout,
      @DefaultValue("2s") Duration lockTimeout) {
    public Db {
      if (url != null && url.isBlank()) {
        url = null;
      }
      if (listenUrl != null && listenUrl.isBlank()) {
        listenUrl = null;
      }
      if (listenUrl != null && !listenUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "ONCEPAY_DB_LISTEN_URL must be a PostgreSQL JDBC URL, got " + listenUrl);
      }
      if (url != null && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "ONCEPAY_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got "
                + url);
      }
      if (poolSize < 2) {
        throw new IllegalArgumentException("oncepay.db.pool-size must be at least 2");
      }
    }

    public boolean embedded() {
      return url == null;
    }

    /**
     * How long a session may sit idle inside a transaction: four statement timeouts, so a stalled
     * client cannot keep row locks for long, while a slow statement still gets to finish.
     */
    public Duration idleInTransactionTimeout() {
      return statementTimeout.multipliedBy(4);
    }

    /**
     * The libpq {@code options} startup parameter that applies the fail-fast limits to every
     * session of the pool (and that {@code oncepay doctor} opens its test connection with).
     */
    public String sessionOptions() {
      return "-c statement_timeout=%d -c lock_timeout=%d -c idle_in_transaction_session_timeout=%d"
          .formatted(
              statementTimeout.toMillis(),
              lockTimeout.toMillis(),
              idleInTransactionTimeout().toMillis());
    }

    /**
     * The same limits for one transaction, behind a pooler where a session is shared: {@code
     * set_config(..., true)} is {@code SET LOCAL}, ended with the transaction, never leaked to the
     * next client of the server connection.
     */
    public String transactionLimitsSql() {
      return ("SELECT set_config('statement_timeout', '%d', true),"
              + " set_config('lock_timeout', '%d', true),"
              + " set_config('idle_in_transaction_session_timeout', '%d', true)")
          .formatted(
              statementTimeout.toMillis(),
              lockTimeout.toMillis(),
              idleInTransactionTimeout().toMillis());
    }
  }

  /**
   * The operator credential (ONCEPAY_OPERATOR_TOKEN): it opens the operator API ({@code
   * /operator/v1/...}) and the actuator's endpoints other than health. Unset, both answer 404:
   * there is nothing an operator could authenticate with, so they do not exist on this instance. It
   * is never a merchant key, and never printed or logged.
   */
  public record Operator(String token) {
    public static final int MIN_TOKEN_LENGTH = 32;

    public Operator {
      if (token != null && token.isBlank()) {
        token = null;
      }
      if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "ONCEPAY_OPERATOR_TOKEN must be at least "
                + MIN_TOKEN_LENGTH
                + " characters (e.g. openssl rand -hex 32); it guards every merchant's keys");
      }
    }

    public boolean enabled() {
      return token != null;
    }

    @Override
    public String toString() {
      return "Operator[token=" + (token == null ? "unset" : "…") + "]";
    }
  }

  /**
   * API key authentication: how long a key's lookup stays cached ({@code keyCacheTtl}; a revoked
   * key is refused within a second whatever it is, see merchant.ApiKeyAuthenticator), and how many
   * failed authentications (a wrong merchant key or operator token) one client address may make in
   * {@code failureWindow} before it is answered 429 {@code rate_limited}.
   */
  public record Auth(
      @DefaultValue("5m") Duration keyCacheTtl,
      @DefaultValue("100") int failureLimit,
      @DefaultValue("1m") Duration failureWindow) {
    public Auth {
      if (keyCacheTtl.compareTo(Duration.ofSeconds(1)) < 0
          || keyCacheTtl.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("oncepay.auth.key-cache-ttl must be between 1s and 1h");
      }
      if (failureLimit < 1) {
        throw new IllegalArgumentException("oncepay.auth.failure-limit must be at least 1");
      }
      if (failureWindow.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("oncepay.auth.failure-window must be at least 1s");
      }
    }
  }

  /** The payment gateway; with no URL, the simulator runs in-process on a free local port. */
  public record Gateway(
      URI url,
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("10s") Duration readTimeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue(Gateway.DEV_WEBHOOK_SECRET) List<String> webhookSecrets,
      @DefaultValue("5m") Duration webhookTolerance,
      @DefaultValue("10s") Duration leaseMargin) {
    /**
     * What the in-process simulator signs with when nothing else is set; public, so accepted only
     * when the gateway is that simulator.
     */
    public static final String DEV_WEBHOOK_SECRET = "whsec_oncepay_sim_dev_only";

    public Gateway {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("oncepay.gateway.max-attempts must be 1..10");
      }
      if (webhookSecrets.isEmpty() || webhookSecrets.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException(
            "oncepay.gateway.webhook-secrets needs at least one non-blank secret");
      }
      if (url != null && webhookSecrets.contains(DEV_WEBHOOK_SECRET)) {
        // The development secret is public (it is in this source): with a gateway elsewhere,
        // anyone could sign "charge succeeded" webhooks that oncepay would believe.
        throw new IllegalArgumentException(
            "ONCEPAY_GATEWAY_WEBHOOK_SECRETS is the public development secret, but the gateway is"
                + " external (ONCEPAY_GATEWAY_URL="
                + url
                + "); set ONCEPAY_GATEWAY_WEBHOOK_SECRETS to the secret your gateway signs its"
                + " webhooks with");
      }
    }
  }

  /**
   * The work queue's workers: how many jobs run at once per instance, how long a claim holds
   * without a heartbeat, how often to look for work when no notification arrives, how long shutdown
   * waits for running jobs, how often stuck operations and finished jobs are swept, and each kind's
   * retry policy.
   */
  public record Worker(
      @DefaultValue("true") boolean enabled,
      // 16 + claim + heartbeat stays below the default pool of 20: the queue can never hold every
      // connection API requests need. A job holds a connection only around its gateway call, so
      // 16 per instance still drive several hundred async payments a second.
      @DefaultValue("16") int concurrency,
      @DefaultValue("30s") Duration lease,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("10s") Duration shutdownGrace,
      @DefaultValue("2s") Duration recoveryInterval,
      @DefaultValue("10s") Duration janitorInterval,
      @DefaultValue Retry operationRetry,
      @DefaultValue("10s") Duration webhookTimeout,
      @DefaultValue Retry webhookRetry) {
    public Worker {
      if (concurrency < 1 || concurrency > 1000) {
        throw new IllegalArgumentException("oncepay.worker.concurrency must be 1..1000");
      }
      if (lease.compareTo(Duration.ofSeconds(2)) < 0) {
        throw new IllegalArgumentException("oncepay.worker.lease must be at least 2s");
      }
      if (operationRetry.maxAttempts() < 2 || webhookRetry.maxAttempts() < 2) {
        // A failed first try must always be retried: a webhook endpoint that was down once, or a
        // gateway call whose outcome is unknown, is the normal case, not a dead letter.
        throw new IllegalArgumentException(
            "oncepay.worker.*-retry.max-attempts must be at least 2");
      }
    }
  }

  /**
   * ONCEPAY_QUEUE=rabbitmq: where the broker is ({@code url}, an AMQP URI with the vhost); the
   * prefix of the exchanges and queues oncepay declares there ({@code <prefix>.jobs}, {@code
   * <prefix>.jobs.dlx}, {@code <prefix>.jobs.dead}); how often a message may be delivered without
   * an acknowledgement before the queue dead-letters it; how long the relay waits for a publisher
   * confirm; and how long a confirmed message may stay untaken before the relay publishes it again
   * (the safety net for a message lost in the broker; a duplicate is harmless, but each one costs a
   * delivery, so keep it well above the queue's normal waiting time).
   */
  public record Rabbitmq(
      URI url,
      @DefaultValue("oncepay") String prefix,
      @DefaultValue("20") int deliveryLimit,
      @DefaultValue("5s") Duration confirmTimeout,
      @DefaultValue("5m") Duration republishAfter) {
    public Rabbitmq {
      if (!prefix.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,100}")) {
        throw new IllegalArgumentException(
            "ONCEPAY_RABBITMQ_PREFIX must be letters, digits, '.', '_' or '-' (at most 101)");
      }
      if (deliveryLimit < 1) {
        throw new IllegalArgumentException("ONCEPAY_RABBITMQ_DELIVERY_LIMIT must be at least 1");
      }
      if (confirmTimeout.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("ONCEPAY_RABBITMQ_CONFIRM_TIMEOUT must be >= 100ms");
      }
      if (republishAfter.compareTo(confirmTimeout.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            "ONCEPAY_RABBITMQ_REPUBLISH_AFTER ("
                + republishAfter
                + ") must be at least twice the confirm timeout ("
                + confirmTimeout
                + ")");
      }
    }
  }

  /**
   * How instances tell each other they are alive: each writes a heartbeat every {@code
   * heartbeatInterval}; one silent for {@code deadAfter} is taken for dead, and its gateway
   * operations and claimed jobs are taken over at once rather than when their leases (sized for the
   * slowest gateway call) run out. Taking over a live but stalled instance's work is safe (the same
   * gateway key is sent again, and one finalizer wins), only wasted.
   */
  public record Liveness(
      @DefaultValue("2s") Duration heartbeatInterval, @DefaultValue("6s") Duration deadAfter) {
    public Liveness {
      if (heartbeatInterval.compareTo(Duration.ofMillis(200)) < 0) {
        throw new IllegalArgumentException("oncepay.liveness.heartbeat-interval must be >= 200ms");
      }
      if (deadAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            "oncepay.liveness.dead-after ("
                + deadAfter
                + ") must be at least twice the heartbeat interval ("
                + heartbeatInterval
                + "), or one late heartbeat makes a live instance look dead");
      }
    }
  }

  /**
   * Merchant webhooks: after a secret rotation, how long the replaced secret keeps signing every
   * delivery beside the new one ({@code 0s}: replaced at once); and whether deliveries still carry
   * the pre-Standard-Webhooks headers {@code Oncepay-Signature} and {@code Oncepay-Event-Id} for
   * shops that have not moved over yet (docs/webhooks-out.md); and which private or loopback
   * networks (CIDR, e.g. {@code 127.0.0.0/8}) endpoints may point into, none by default
   * (merchantevents.WebhookTargets).
   */
  public record Webhooks(
      @DefaultValue("24h") Duration secretOverlap,
      @DefaultValue("true") boolean legacyHeaders,
      @DefaultValue List<String> allowedNetworks) {
    /** Longer than this, a replaced (perhaps leaked) secret stays valid for too long. */
    public static final Duration MAX_SECRET_OVERLAP = Duration.ofDays(30);

    public Webhooks {
      if (secretOverlap.isNegative() || secretOverlap.compareTo(MAX_SECRET_OVERLAP) > 0) {
        throw new IllegalArgumentException(
            "ONCEPAY_WEBHOOKS_SECRET_OVERLAP ("
                + secretOverlap
                + ") must be between 0s (a rotation replaces the secret at once) and "
                + MAX_SECRET_OVERLAP.toDays()
                + "d");
      }
    }
  }

  /**
   * A retry policy: first delay, multiplier, largest delay, attempts before dead-lettering. Also
   * set per kind under oncepay.worker.operation-retry and oncepay.worker.webhook-retry.
   */
  public record Retry(
      @DefaultValue("1s") Duration initial,
      @DefaultValue("2") double multiplier,
      @DefaultValue("30s") Duration max,
      @DefaultValue("40") int maxAttempts) {}

  /**
   * Idempotency keys: kept for {@code retention} (expired ones are deleted every {@code
   * sweepInterval}); a key whose request is still running is locked for {@code lease}, after which
   * a retry may take it over (the first request crashed).
   */
  public record Idempotency(
      @DefaultValue("24h") Duration retention,
      @DefaultValue("60s") Duration lease,
      @DefaultValue("60s") Duration sweepInterval) {
    public Idempotency {
      if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("oncepay.idempotency.lease must be at least 1s");
      }
    }
  }
}
