package com.oncepay.lab.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When the chaos scenario injects what, as data: a pure function of the run's length and topology,
 * so the schedule can be tested and reported before anything breaks.
 *
 * <p>Nothing happens in the first tenth of the run (3–15 s: the baseline), and nothing starts in
 * the last quarter (at least 20 s), so recovery from the last fault is observed before the load
 * stops. The one-off faults — the PostgreSQL restart, the PgBouncer cut, the gateway outage, the
 * RabbitMQ restart, the Redis restart — are spread evenly over the window between, each starting at
 * least 3 s after the previous one ended; instance kills come every 5–20 s between them, never
 * within 3 s of a one-off fault, so each recovery time belongs to one fault.
 */
public final class FaultPlan {

  /** The faults of CONTRACT.md's chaos scenario, with the names the report uses. */
  public enum Kind {
    KILL_INSTANCE("kill_instance", 0),
    RESTART_POSTGRES("restart_postgres", 0),
    CUT_PGBOUNCER("cut_pgbouncer", 5),
    STOP_GATEWAY("stop_gateway", 10),
    /** With {@code --queue rabbitmq}: the lab's broker stopped cleanly, started 5 s later. */
    RESTART_RABBITMQ("restart_rabbitmq", 5),
    /** The lab's own Redis (strategy redis): kill -9, empty again after 3 s (nothing on disk). */
    RESTART_REDIS("restart_redis", 3);

    private final String key;
    private final double downS;

    Kind(String key, double downS) {
      this.key = key;
      this.downS = downS;
    }

    public String key() {
      return key;
    }

    /** How long the lab keeps it down before starting it again (0: restarted at once). */
    public double downS() {
      return downS;
    }
  }

  /** One planned fault, {@code atS} seconds after the scenario starts. */
  public record Planned(Kind kind, double atS) {}

  static final double GAP_S = 3;

  private FaultPlan() {}

  public static List<Planned> plan(double durationS, boolean pgbouncer) {
    return plan(durationS, pgbouncer, false, false);
  }

  /**
   * The same, with the RabbitMQ restart among the one-off faults when the queue is RabbitMQ, and a
   * Redis restart when the lab runs its own Redis.
   */
  public static List<Planned> plan(
      double durationS, boolean pgbouncer, boolean rabbitmq, boolean redis) {
    double warm = Math.clamp(durationS * 0.1, 3, 15);
    double tail = Math.max(20, durationS * 0.25);
    double last = Math.max(warm, durationS - tail);
    double span = last - warm;

    List<Kind> oneOffs = new ArrayList<>(List.of(Kind.RESTART_POSTGRES));
    if (pgbouncer) {
      oneOffs.add(Kind.CUT_PGBOUNCER);
    }
    oneOffs.add(Kind.STOP_GATEWAY);
    if (rabbitmq) {
      oneOffs.add(Kind.RESTART_RABBITMQ);
    }
    if (redis) {
      oneOffs.add(Kind.RESTART_REDIS);
    }
    List<Planned> planned = new ArrayList<>();
    double step = span / (oneOffs.size() + 1);
    double previousEnd = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < oneOffs.size(); k++) {
      double at = Math.max(warm + step * (k + 1), previousEnd + GAP_S);
      planned.add(new Planned(oneOffs.get(k), round(at)));
      previousEnd = at + oneOffs.get(k).downS();
    }
    List<Planned> oneOffPlan = List.copyOf(planned);

    double interval = Math.clamp(span / 6, 5, 20);
    int kills = 0;
    for (double at = warm; at <= last + 1e-9; at += interval) {
      if (clear(at, oneOffPlan)) {
        planned.add(new Planned(Kind.KILL_INSTANCE, round(at)));
        kills++;
      }
    }
    if (kills == 0) {
      planned.add(new Planned(Kind.KILL_INSTANCE, round(warm)));
    }
    planned.sort(Comparator.comparingDouble(Planned::atS));
    return List.copyOf(planned);
  }

  private static boolean clear(double at, List<Planned> oneOffs) {
    for (Planned p : oneOffs) {
      if (at >= p.atS() - GAP_S && at <= p.atS() + p.kind().downS() + GAP_S) {
        return false;
      }
    }
    return true;
  }

  private static double round(double s) {
    return Math.round(s * 10) / 10.0;
  }
}
