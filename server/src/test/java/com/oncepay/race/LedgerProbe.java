package com.oncepay.race;

import com.oncepay.sim.ChargeStatus;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.LedgerEntry;
import java.util.List;

/** Reads the gateway simulator's ledger: the ground truth of what was really charged. */
public final class LedgerProbe {

  private LedgerProbe() {}

  /** Charges that moved or reserved money for this order: anything not declined. */
  public static List<LedgerEntry> entriesForOrder(GatewaySimulator sim, String orderId) {
    return sim.ledger().stream()
        .filter(e -> orderId.equals(e.charge().orderReference()))
        .filter(e -> e.charge().status() != ChargeStatus.DECLINED)
        .toList();
  }

  public static int charges(GatewaySimulator sim, String orderId) {
    return entriesForOrder(sim, orderId).size();
  }

  public static LedgerEntry chargeForPayment(GatewaySimulator sim, String paymentId) {
    List<LedgerEntry> entries =
        sim.ledger().stream().filter(e -> paymentId.equals(e.charge().reference())).toList();
    if (entries.size() != 1) {
      throw new AssertionError(entries.size() + " ledger charges for " + paymentId);
    }
    return entries.getFirst();
  }
}
