package com.oncepay.sim;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * One charge as the ledger keeps it: the charge itself (declined ones included), the
 * Idempotency-Key that created it and its refunds. On the wire the charge fields are flattened next
 * to {@code idempotency_key} and {@code refunds}.
 */
public record LedgerEntry(
    @JsonUnwrapped Charge charge, String idempotencyKey, List<LedgerRefund> refunds) {

  public LedgerEntry {
    refunds = List.copyOf(refunds);
  }
}
