package com.oncepay.lab.check;

import java.util.Map;
import java.util.Set;

/**
 * The payment and order state machines of DESIGN.md as the API spells them, reduced to what the
 * checker needs: which later status may follow an earlier one (invariant 7, forward only), and
 * which order status a settled payment implies.
 */
final class PaymentStates {

  private static final Set<String> AFTER_START =
      Set.of(
          "processing",
          "unknown",
          "authorized",
          "captured",
          "failed",
          "voided",
          "partially_refunded",
          "refunded");

  /** Every status reachable from each status in one or more steps. */
  private static final Map<String, Set<String>> REACHABLE =
      Map.of(
          "processing", AFTER_START,
          "unknown", AFTER_START,
          "authorized", Set.of("captured", "voided", "partially_refunded", "refunded"),
          "captured", Set.of("partially_refunded", "refunded"),
          "partially_refunded", Set.of("partially_refunded", "refunded"),
          "refunded", Set.of(),
          "voided", Set.of(),
          "failed", Set.of());

  private PaymentStates() {}

  /** Whether a payment seen in {@code earlier} may later be seen in {@code later}. */
  static boolean mayFollow(String earlier, String later) {
    if (earlier.equals(later)) {
      return true;
    }
    Set<String> next = REACHABLE.get(earlier);
    // An unknown status is the server's news, not ours to judge here.
    return next == null || next.contains(later);
  }

  /** The order status a single live payment in this status implies. */
  static String orderStatusFor(String paymentStatus) {
    return switch (paymentStatus) {
      case "processing", "unknown" -> "payment_processing";
      case "authorized" -> "authorized";
      case "captured" -> "paid";
      case "partially_refunded" -> "partially_refunded";
      case "refunded" -> "refunded";
      case "voided" -> "canceled";
      case "failed" -> "payment_failed";
      default -> null;
    };
  }

  /** The ledger status the gateway should show for a settled payment of ours. */
  static String ledgerStatusFor(String paymentStatus) {
    return paymentStatus.equals("failed") ? "declined" : paymentStatus;
  }
}
