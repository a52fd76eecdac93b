package com.oncepay.liveness;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code instances} table: every running oncepay instance and its last heartbeat. */
@Repository
public class InstanceRepository {

  private final JdbcClient jdbc;

  public InstanceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Announces this instance, or refreshes its heartbeat. */
  public void beat(String id, OffsetDateTime startedAt, OffsetDateTime now) {
    jdbc.sql(
            """
            INSERT INTO instances (id, started_at, heartbeat_at) VALUES (:id, :started, :now)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at
            """)
        .param("id", id)
        .param("started", startedAt)
        .param("now", now)
        .update();
  }

  /** Instances whose last heartbeat is older than {@code before}: dead, or cut off. */
  public List<String> silentSince(OffsetDateTime before) {
    return jdbc.sql("SELECT id FROM instances WHERE heartbeat_at < :before")
        .param("before", before)
        .query(String.class)
        .list();
  }

  /** A graceful stop, or the end of a dead instance once its work was handed over. */
  public void remove(String id) {
    jdbc.sql("DELETE FROM instances WHERE id = :id").param("id", id).update();
  }
}
