package com.oncepay.lab.report;

import com.oncepay.lab.load.FaultRecord;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the chaos scenario adds to its section: the faults with their recovery times, what was
 * accepted, and the findings that are not invariant anomalies but still break the promise
 * (an answer from oncepay other than 201/200/202/402/409/503, an operation not definite within the
 * target, a call the patient shop had to give up on).
 *
 * @param faults in the order injected
 * @param acceptedOrders orders the service accepted (each checked by the invariant checks)
 * @param acceptedPayments payments the service accepted
 * @param gaveUp shop calls whose retries ran out without a definite answer
 * @param unexpectedAnswers oncepay's own answers outside {@link #EXPECTED}, by status
 */
public record ChaosSummary(
    List<FaultRecord> faults,
    long acceptedOrders,
    long acceptedPayments,
    long gaveUp,
    SortedMap<String, Long> unexpectedAnswers) {

  /** The answers a checkout may get from oncepay under faults (the "Done when"). */
  public static final Set<String> EXPECTED = Set.of("200", "201", "202", "402", "409", "503");

  /** The target: every operation in flight at a fault definite this soon after it. */
  public static final double TARGET_RECOVERY_S = 15;

  public ChaosSummary {
    faults = List.copyOf(faults);
    unexpectedAnswers = new TreeMap<>(unexpectedAnswers);
  }

  /** oncepay's answers outside {@link #EXPECTED} (io errors are not answers). */
  public static SortedMap<String, Long> unexpected(SortedMap<String, Long> oncepayStatusCounts) {
    SortedMap<String, Long> unexpected = new TreeMap<>();
    oncepayStatusCounts.forEach(
        (status, count) -> {
          if (!EXPECTED.contains(status)) {
            unexpected.put(status, count);
          }
        });
    return unexpected;
  }

  /** The slowest recovery, or null when a fault never recovered (or none was injected). */
  public Double worstRecoveryS() {
    Double worst = null;
    for (FaultRecord f : faults) {
      if (f.recoveredAfterS() == null) {
        return null;
      }
      worst = worst == null ? f.recoveredAfterS() : Math.max(worst, f.recoveredAfterS());
    }
    return worst;
  }

  /** One line per finding; empty when the run kept every promise of the chaos scenario. */
  public List<String> findings() {
    List<String> findings = new java.util.ArrayList<>();
    unexpectedAnswers.forEach(
        (status, count) -> findings.add(count + " answers " + status + " from oncepay"));
    for (FaultRecord f : faults) {
      if (f.error() != null) {
        findings.add(f.kind() + " at " + f.atS() + " s: " + f.error());
      }
      if (f.recoveredAfterS() == null) {
        findings.add(
            f.kind()
                + " at "
                + f.atS()
                + " s: "
                + f.unresolved()
                + " of "
                + f.inFlight()
                + " operations in flight never became definite");
      } else if (f.recoveredAfterS() > TARGET_RECOVERY_S) {
        findings.add(
            f.kind()
                + " at "
                + f.atS()
                + " s: recovered after "
                + f.recoveredAfterS()
                + " s, over the "
                + (int) TARGET_RECOVERY_S
                + " s target"
                + (f.slowest() == null ? "" : " (last: " + f.slowest() + ")"));
      }
    }
    if (gaveUp > 0) {
      findings.add(gaveUp + " shop calls gave up without a definite answer");
    }
    return findings;
  }
}
