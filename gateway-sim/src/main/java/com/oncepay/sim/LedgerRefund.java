package com.oncepay.sim;

/** One refund as the ledger keeps it, with the Idempotency-Key that created it. */
public record LedgerRefund(String id, long amount, String idempotencyKey) {}
