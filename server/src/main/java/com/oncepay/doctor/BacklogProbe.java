package com.oncepay.doctor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What oncepay's own tables say about work that is not getting done: gateway operations nobody
 * resolves, jobs that gave up, webhooks that contradicted us.
 */
final class BacklogProbe {

  private final Connection connection;
  private final Thresholds thresholds;

  BacklogProbe(Connection connection, Thresholds thresholds) {
    this.connection = connection;
    this.thresholds = thresholds;
  }

  List<Finding> run() {
    return List.of(
        Checks.attempt("unknown-operations", this::unsettledOperations),
        Checks.attempt("dead-jobs", this::deadJobs),
        Checks.attempt("flagged-webhooks", this::flaggedWebhooks));
  }

  /** The recovery sweeper's own condition (RecoverStuckOperations), aged by creation. */
  private Finding unsettledOperations() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT count(*),
                   coalesce((extract(epoch FROM now() - min(created_at)) * 1000)::bigint, 0)
              FROM payment_operations
             WHERE ((status = 'processing' AND lease_until < now()) OR status = 'unknown')
               AND created_at < now() - make_interval(secs => ?)
            """)) {
      ps.setDouble(1, thresholds.unsettledOperationWarn().toMillis() / 1000.0);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return OncepayRules.unsettledOperations(
            rs.getLong(1),
            Duration.ofMillis(rs.getLong(2)),
            thresholds.unsettledOperationWarn(),
            thresholds.unsettledOperationFail(),
            thresholds.unsettledOperationFailCount());
      }
    }
  }

  private Finding deadJobs() throws SQLException {
    try (ResultSet rs =
        connection
            .createStatement()
            .executeQuery(
                """
                SELECT count(*),
                       (SELECT last_error FROM outbox WHERE status = 'dead' ORDER BY id DESC LIMIT 1)
                  FROM outbox WHERE status = 'dead'
                """)) {
      rs.next();
      return OncepayRules.deadJobs(rs.getLong(1), rs.getString(2));
    }
  }

  private Finding flaggedWebhooks() throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            SELECT count(*) FROM gateway_events
             WHERE outcome = 'flagged' AND received_at > now() - make_interval(secs => ?)
            """)) {
      ps.setDouble(1, thresholds.flaggedWindow().toSeconds());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return OncepayRules.flaggedWebhooks(rs.getLong(1), thresholds.flaggedWindow());
      }
    }
  }
}
