package com.oncepay.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every charge ever created. In memory, and journaled when the simulator has a data directory, so
 * that it survives a restart ({@link Journal}).
 */
final class Ledger {

  private final Journal journal;

  Ledger(Journal journal) {
    this.journal = journal;
  }

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, ChargeRecord> byId = new ConcurrentHashMap<>();
  // Recovery asks "what happened to payment X?" by reference; keep that a lookup, not a scan.
  private final ConcurrentHashMap<String, List<ChargeRecord>> byReference =
      new ConcurrentHashMap<>();

  ChargeRecord open(
      NewCharge request, String idempotencyKey, String fingerprint, long createdSeconds) {
    while (true) {
      var record =
          new ChargeRecord(
              sequence.incrementAndGet(),
              Ids.next("ch_"),
              request,
              idempotencyKey,
              createdSeconds,
              journal);
      if (byId.putIfAbsent(record.id(), record) == null) {
        journal.append(record.creation(fingerprint, request));
        index(record);
        return record;
      }
    }
  }

  /** A charge recovered from the journal, with the id and sequence it was created with. */
  ChargeRecord restore(long seq, String id, NewCharge request, String key, long created) {
    var record = new ChargeRecord(seq, id, request, key, created, journal);
    byId.put(id, record);
    index(record);
    sequence.accumulateAndGet(seq, Math::max);
    return record;
  }

  private void index(ChargeRecord record) {
    byReference.computeIfAbsent(record.reference(), r -> new CopyOnWriteArrayList<>()).add(record);
  }

  List<ChargeRecord> all() {
    return List.copyOf(byId.values());
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
    journal.truncate();
  }
}
