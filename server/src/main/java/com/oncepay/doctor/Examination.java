package com.oncepay.doctor;

import com.oncepay.config.OncepayProperties;
import com.oncepay.config.StoredOperatorToken;
import com.oncepay.outbox.rabbitmq.QueueTopology;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of every check, in the order the report shows them. A check that needs something
 * unreachable (the database, the instance) is not run; the reachability finding says why.
 */
final class Examination {

  private final Settings settings;
  private final Optional<URI> target;
  private final Optional<String> pgbouncerAdmin;
  private final Thresholds thresholds;

  Examination(
      Settings settings,
      Optional<URI> target,
      Optional<String> pgbouncerAdmin,
      Thresholds thresholds) {
    this.settings = settings;
    this.target = target;
    this.pgbouncerAdmin = pgbouncerAdmin;
    this.thresholds = thresholds;
  }

  URI target() {
    return target.orElseGet(() -> URI.create("http://127.0.0.1:" + settings.port()));
  }

  Report run() {
    List<Finding> findings = new ArrayList<>();
    findings.add(OncepayRules.settings(Optional.ofNullable(settings.invalidBecause())));
    if (settings.gateway().isPresent() && settings.idempotency().isPresent()) {
      findings.add(
          OncepayRules.leaseCoversGatewayCall(
              settings.gateway().get(), settings.idempotency().get()));
    }
    if (settings.properties().isEmpty()) {
      return new Report(findings);
    }
    OncepayProperties properties = settings.properties().get();
    findings.add(OncepayRules.workerVersusPool(properties.worker(), properties.db()));

    Database database = database(properties);
    findings.addAll(database.findings());
    findings.addAll(
        settings.redisUrl() == null
            ? List.of(RedisRules.notConfigured())
            : new RedisProbe(settings.redisUrl()).run());
    findings.add(
        settings.rabbitmqUrl() == null
            ? RabbitMqProbe.notConfigured()
            : new RabbitMqProbe(
                    settings.rabbitmqUrl(),
                    properties.rabbitmqQueue()
                        ? Optional.of(QueueTopology.of(properties.rabbitmq()))
                        : Optional.empty())
                .run());

    // The operator credential opens the instance's metrics: the setting, or serve's own.
    InstanceProbe instance =
        new InstanceProbe(
            target(),
            Optional.ofNullable(properties.operator().token())
                .or(() -> StoredOperatorToken.read(properties.home())));
    InstanceProbe.Health health = instance.health();
    findings.add(health.finding());
    if (health.finding().status() == Finding.Status.OK) {
      findings.add(instance.heap(thresholds.heapMinBytes()));
    }
    if (database.skew().isPresent() || health.skew().isPresent()) {
      findings.add(
          OncepayRules.clockSkew(
              database.skew(),
              health.skew(),
              thresholds.clockSkewWarn(),
              thresholds.clockSkewFail()));
    }
    findings.addAll(database.backlog());
    return new Report(findings);
  }

  /** The database checks, the backlog read from oncepay's tables, and the database's clock. */
  private record Database(List<Finding> findings, List<Finding> backlog, Optional<Duration> skew) {}

  private Database database(OncepayProperties properties) {
    DatabaseTarget database;
    try {
      database = DatabaseTarget.of(properties);
    } catch (DatabaseTarget.NotFound e) {
      return new Database(
          List.of(Finding.fail("database", e.getMessage(), e.fix())), List.of(), Optional.empty());
    }
    List<Finding> findings = new ArrayList<>();
    List<Finding> backlog = new ArrayList<>();
    Optional<Duration> skew = Optional.empty();
    int instances = 1;
    boolean pooled = database.pooled(properties.db());
    try (Connection connection = database.connectLikeThePool(properties.db(), pooled)) {
      PostgresProbe postgres = new PostgresProbe(connection, properties.db(), pooled, thresholds);
      findings.add(
          Finding.ok(
              "database",
              "PostgreSQL "
                  + postgres.serverVersion()
                  + " at "
                  + redact(database.url())
                  + " as "
                  + database.user()
                  + (database.embedded() ? " (the embedded server of ./oncepay serve)" : "")));
      findings.addAll(postgres.run());
      instances = postgres.instances();
      skew = Optional.of(postgres.clockSkew());
      backlog.addAll(new BacklogProbe(connection, thresholds).run());
    } catch (SQLException e) {
      findings.add(
          Finding.fail(
              "database",
              "cannot connect the way oncepay's pool does to "
                  + redact(database.url())
                  + ": "
                  + Checks.message(e),
              "fix ONCEPAY_DB_URL / ONCEPAY_DB_USER / ONCEPAY_DB_PASSWORD; behind PgBouncer add"
                  + " extra_float_digits to ignore_startup_parameters"
                  + " (deploy/pgbouncer/pgbouncer.ini)"));
    }
    // Also when PostgreSQL refused us: a PgBouncer that rejects the pool's options says why.
    if (!database.embedded() || pgbouncerAdmin.isPresent()) {
      findings.addAll(
          new PgBouncerProbe(database, pgbouncerAdmin)
              .run(
                  properties.db().poolSize(),
                  instances,
                  properties.db().preparedStatements() != OncepayProperties.PreparedStatements.ON));
    } else {
      findings.add(PgBouncerRules.notInUse("serve's embedded PostgreSQL is reached directly"));
    }
    return new Database(findings, backlog, skew);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)password=[^&]*", "password=***");
  }
}
