package com.oncepay.lab.scenario;

import com.oncepay.client.ApiResult;
import com.oncepay.client.OncepayClient;
import com.oncepay.client.OncepayConnectionException;
import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.check.OrderSnapshot;
import com.oncepay.lab.check.PaymentSnapshot;
import com.oncepay.lab.load.InFlightCalls;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * How long the operations that existed at a fault took to become definite. At the fault it takes
 * the shop calls in flight; each is resolved once the call has ended <em>and</em> its order or
 * payment, read back with {@code GET}, shows nothing in flight (no payment {@code processing} or
 * {@code unknown}, no pending operation or refund amount, no order {@code payment_processing}). A
 * call that ended with a definite answer counts as resolved when that answer came (the read
 * confirms it); a call whose client gave up is resolved by the first read that shows its order or
 * payment definite: its outcome was the server's to settle, and reads are {@value #POLL_MS} ms
 * apart, so that time is that precise. The recovery time is from the fault to the last resolution.
 */
final class RecoveryWatch {

  static final long POLL_MS = 250;

  private final OncepayClient quiet;
  private final long faultNanos;
  private final List<InFlightCalls.Call> calls;
  private final long[] resolvedNanos;

  RecoveryWatch(OncepayClient quiet, long faultNanos, List<InFlightCalls.Call> calls) {
    this.quiet = quiet;
    this.faultNanos = faultNanos;
    this.calls = List.copyOf(calls);
    this.resolvedNanos = new long[calls.size()];
  }

  int inFlight() {
    return calls.size();
  }

  /**
   * Polls until every call is resolved or {@code deadlineNanos} passes.
   *
   * @return seconds from the fault to the last resolution, or null when some never resolved
   */
  Double await(long deadlineNanos) {
    while (true) {
      int open = 0;
      for (int i = 0; i < calls.size(); i++) {
        if (resolvedNanos[i] != 0) {
          continue;
        }
        InFlightCalls.Call call = calls.get(i);
        if (call.outcome() == InFlightCalls.Outcome.RUNNING) {
          open++;
        } else if (call.target() == null && call.outcome() == InFlightCalls.Outcome.DEFINITE) {
          resolvedNanos[i] = call.endNanos();
        } else if (call.target() != null && definite(call)) {
          // A definite answer was definite when it came; the read only confirms it. After a call
          // that gave up, the outcome is known from the first read that shows it.
          resolvedNanos[i] =
              call.outcome() == InFlightCalls.Outcome.DEFINITE
                  ? call.endNanos()
                  : System.nanoTime();
        } else {
          open++;
        }
      }
      if (open == 0) {
        long last = faultNanos;
        for (long r : resolvedNanos) {
          last = Math.max(last, r);
        }
        return Math.round((last - faultNanos) / 1e7) / 100.0;
      }
      if (System.nanoTime() >= deadlineNanos || Thread.currentThread().isInterrupted()) {
        return null;
      }
      LockSupport.parkNanos(POLL_MS * 1_000_000);
    }
  }

  /** The call that resolved last, or the first still open; null when none was in flight. */
  String slowest() {
    int pick = -1;
    for (int i = 0; i < calls.size(); i++) {
      if (resolvedNanos[i] == 0) {
        pick = i;
        break;
      }
      if (pick < 0 || resolvedNanos[i] > resolvedNanos[pick]) {
        pick = i;
      }
    }
    if (pick < 0) {
      return null;
    }
    InFlightCalls.Call call = calls.get(pick);
    String what = call.operation() + (call.target() == null ? "" : " " + call.target());
    if (resolvedNanos[pick] == 0) {
      return what
          + ": "
          + call.outcome().name().toLowerCase(java.util.Locale.ROOT)
          + ", never definite";
    }
    return what
        + ": sent "
        + seconds(call.startNanos() - faultNanos)
        + " s from the fault, "
        + (call.outcome() == InFlightCalls.Outcome.DEFINITE
            ? "answered definitely"
            : "gave up, read back definite")
        + " at +"
        + seconds(resolvedNanos[pick] - faultNanos)
        + " s";
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  int unresolved() {
    int n = 0;
    for (long r : resolvedNanos) {
      if (r == 0) {
        n++;
      }
    }
    return n;
  }

  /** Whether the call's order or payment reads back with nothing in flight. */
  private boolean definite(InFlightCalls.Call call) {
    boolean order = call.operation().equals("pay") || call.operation().equals("get_order");
    String path = (order ? "/v1/orders/" : "/v1/payments/") + call.target();
    ApiResult answer;
    try {
      answer = quiet.send("GET", path, null, null);
    } catch (OncepayConnectionException e) {
      return false;
    }
    if (answer.status() != 200) {
      return false;
    }
    JsonNode json = ApiJson.parse(answer.body());
    if (json == null) {
      return false;
    }
    if (order) {
      OrderSnapshot o = ApiJson.order(json, "chaos GET " + path);
      return !o.status().equals("payment_processing")
          && o.payments().stream().allMatch(PaymentSnapshot::settled);
    }
    return ApiJson.payment(json, "chaos GET " + path).settled();
  }
}
