package com.oncepay.lab.check;

import java.util.List;
import java.util.Map;

/**
 * What the service and the gateway say once the scenario is over and the settle wait has ended.
 *
 * @param orders every touched order, by id
 * @param payments every touched payment, by id (from the orders' payment lists and direct GETs)
 * @param refunds the refund list of every payment that saw a refund attempt, by payment id
 * @param ledger the gateway ledger, or null when no ledger URL was given (ledger checks skipped)
 * @param missing ids the service answered 404 for although an earlier answer named them
 */
public record FinalState(
    Map<String, OrderSnapshot> orders,
    Map<String, PaymentSnapshot> payments,
    Map<String, List<RefundSnapshot>> refunds,
    List<LedgerCharge> ledger,
    List<String> missing) {

  public FinalState {
    orders = Map.copyOf(orders);
    payments = Map.copyOf(payments);
    refunds = Map.copyOf(refunds);
    ledger = ledger == null ? null : List.copyOf(ledger);
    missing = List.copyOf(missing);
  }

  public boolean hasLedger() {
    return ledger != null;
  }
}
