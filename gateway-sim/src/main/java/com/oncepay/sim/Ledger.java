package com.oncepay.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every charge ever created, in memory only: a standalone simulator forgets everything on restart.
 */
final class Ledger {

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, ChargeRecord> byId = new ConcurrentHashMap<>();
  // Recovery asks "what happened to payment X?" by reference; keep that a lookup, not a scan.
  private final ConcurrentHashMap<String, List<ChargeRecord>> byReference =
      new ConcurrentHashMap<>();

  ChargeRecord open(NewCharge request, String idempotencyKey, long createdSeconds) {
    while (true) {
      var record =
          new ChargeRecord(
              sequence.incrementAndGet(), Ids.next("ch_"), request, idempotencyKey, createdSeconds);
      if (byId.putIfAbsent(record.id(), record) == null) {
        byReference
            .computeIfAbsent(record.reference(), r -> new CopyOnWriteArrayList<>())
            .add(record);
        return record;
      }
    }
  }

  Optional<ChargeRecord> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether {@code record} is still in the ledger (a reset drops everything). */
  boolean holds(ChargeRecord record) {
    return byId.get(record.id()) == record;
  }

  List<Charge> byReference(String reference) {
    return byReference.getOrDefault(reference, List.of()).stream()
        .sorted(Comparator.comparingLong(ChargeRecord::sequence))
        .map(ChargeRecord::snapshot)
        .toList();
  }

  List<LedgerEntry> entries() {
    return byId.values().stream()
        .sorted(Comparator.comparingLong(ChargeRecord::sequence))
        .map(ChargeRecord::ledgerEntry)
        .toList();
  }

  void clear() {
    byId.clear();
    byReference.clear();
  }
}
