package com.oncepay.lab.load;

import com.oncepay.client.ApiResult;
import com.oncepay.client.OncepayClient;
import com.oncepay.client.OncepayConnectionException;
import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.check.FinalState;
import com.oncepay.lab.check.LedgerCharge;
import com.oncepay.lab.check.Observations;
import com.oncepay.lab.check.OrderSnapshot;
import com.oncepay.lab.check.PaymentSnapshot;
import com.oncepay.lab.check.RefundSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads the final state of everything a scenario touched, waiting (bounded) until nothing is in
 * flight any more: invariant 5 says every accepted request ends in a definite state within a
 * bounded time, so whatever is still in flight when the wait ends is reported as stuck.
 *
 * <p>The first pass reads everything; later passes re-read only what was still moving, so a long
 * run's thousands of orders are read once.
 */
public final class FinalStateFetcher {

  private static final Duration POLL = Duration.ofMillis(200);

  private final OncepayClient inspector;
  private final SimulatorControl simulator;
  private final int parallel;

  /**
   * @param inspector a retrying client, not counted in any scenario's metrics
   * @param simulator the ledger to compare with, or null to skip ledger checks
   */
  public FinalStateFetcher(OncepayClient inspector, SimulatorControl simulator, int parallel) {
    this.inspector = inspector;
    this.simulator = simulator;
    this.parallel = Math.max(1, parallel);
  }

  public FinalState settle(Observations obs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, OrderSnapshot> orders = new ConcurrentHashMap<>();
    Map<String, PaymentSnapshot> payments = new ConcurrentHashMap<>();
    Map<String, List<RefundSnapshot>> refunds = new ConcurrentHashMap<>();
    Set<String> missing = ConcurrentHashMap.newKeySet();

    Set<String> orderIds = new HashSet<>(obs.orders());
    Set<String> paymentIds = new HashSet<>(obs.payments());
    Set<String> refundIds = new HashSet<>(obs.refundTargets());
    List<LedgerCharge> ledger = null;
    while (true) {
      readOrders(orderIds, orders, missing);
      Set<String> fromOrders = new HashSet<>();
      orders.values().forEach(o -> o.payments().forEach(p -> fromOrders.add(p.id())));
      for (OrderSnapshot order : orders.values()) {
        if (orderIds.contains(order.id())) {
          order.payments().forEach(p -> payments.put(p.id(), p));
        }
      }
      Set<String> loose = new HashSet<>(paymentIds);
      loose.removeAll(fromOrders);
      readPayments(loose, payments, missing);
      for (PaymentSnapshot p : payments.values()) {
        if (p.amountRefunded() > 0 || p.amountRefundPending() > 0) {
          if (!refunds.containsKey(p.id())) {
            refundIds.add(p.id());
          }
        }
      }
      readRefunds(refundIds, refunds, missing);
      ledger = simulator == null ? null : simulator.ledger();

      orderIds = unsettledOrders(orders);
      paymentIds = unsettledPayments(payments, fromOrders);
      refundIds = unsettledRefunds(refunds);
      Set<String> ledgerPending = pendingCharges(ledger, orders.keySet());
      // A payment whose refund list may still change must be re-read along with its refunds.
      refundIds.addAll(unsettledPaymentsWithRefunds(payments, refunds));
      boolean settled =
          orderIds.isEmpty()
              && paymentIds.isEmpty()
              && refundIds.isEmpty()
              && ledgerPending.isEmpty();
      if (settled || System.nanoTime() >= deadline) {
        break;
      }
      // Orders whose gateway charge is still pending are re-read with the ledger.
      for (LedgerCharge c : ledger == null ? List.<LedgerCharge>of() : ledger) {
        if (ledgerPending.contains(c.id()) && c.orderReference() != null) {
          orderIds.add(c.orderReference());
        }
      }
      LockSupport.parkNanos(POLL.toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException("settle wait interrupted");
      }
    }
    return new FinalState(orders, payments, refunds, ledger, new ArrayList<>(missing));
  }

  private void readOrders(Set<String> ids, Map<String, OrderSnapshot> into, Set<String> missing)
      throws InterruptedException {
    forEach(
        ids,
        id -> {
          JsonNode json = get("/v1/orders/" + id, id, missing);
          if (json != null) {
            into.put(id, ApiJson.order(json, "final GET /v1/orders/" + id));
          }
        });
  }

  private void readPayments(Set<String> ids, Map<String, PaymentSnapshot> into, Set<String> missing)
      throws InterruptedException {
    forEach(
        ids,
        id -> {
          JsonNode json = get("/v1/payments/" + id, id, missing);
          if (json != null) {
            into.put(id, ApiJson.payment(json, "final GET /v1/payments/" + id));
          }
        });
  }

  private void readRefunds(
      Set<String> paymentIds, Map<String, List<RefundSnapshot>> into, Set<String> missing)
      throws InterruptedException {
    forEach(
        paymentIds,
        id -> {
          JsonNode json = get("/v1/payments/" + id + "/refunds", id, missing);
          if (json != null) {
            into.put(id, ApiJson.refunds(json));
          }
        });
  }

  /** The body of a 200; null after recording a 404; a connection error ends the run. */
  private JsonNode get(String path, String id, Set<String> missing) {
    ApiResult result;
    try {
      result = inspector.send("GET", path, null, null);
    } catch (OncepayConnectionException e) {
      throw new LabConnectionException(
          "lost the service while reading final state (GET " + path + "): " + e.getMessage(), e);
    }
    if (result.status() == 404) {
      missing.add(id);
      return null;
    }
    if (result.status() == 401) {
      throw new LabConnectionException("the service rejected the API key (401) on GET " + path);
    }
    if (result.status() != 200) {
      // Transient (503 after retries): read it again on the next pass.
      return null;
    }
    missing.remove(id);
    return ApiJson.parse(result.body());
  }

  private void forEach(Set<String> ids, Consumer<String> read) throws InterruptedException {
    if (ids.isEmpty()) {
      return;
    }
    Semaphore slots = new Semaphore(parallel);
    List<RuntimeException> failures = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        slots.acquire();
        threads.submit(
            () -> {
              try {
                read.accept(id);
              } catch (RuntimeException e) {
                synchronized (failures) {
                  failures.add(e);
                }
              } finally {
                slots.release();
              }
            });
      }
      threads.shutdown();
      threads.awaitTermination(10, TimeUnit.MINUTES);
    }
    if (!failures.isEmpty()) {
      throw failures.getFirst();
    }
  }

  private static Set<String> unsettledOrders(Map<String, OrderSnapshot> orders) {
    Set<String> ids = new HashSet<>();
    for (OrderSnapshot o : orders.values()) {
      if (o.status().equals("payment_processing")
          || o.payments().stream().anyMatch(p -> !p.settled())) {
        ids.add(o.id());
      }
    }
    return ids;
  }

  private static Set<String> unsettledPayments(
      Map<String, PaymentSnapshot> payments, Set<String> readWithOrders) {
    Set<String> ids = new HashSet<>();
    for (PaymentSnapshot p : payments.values()) {
      if (!p.settled() && !readWithOrders.contains(p.id())) {
        ids.add(p.id());
      }
    }
    return ids;
  }

  private static Set<String> unsettledRefunds(Map<String, List<RefundSnapshot>> refunds) {
    Set<String> ids = new HashSet<>();
    refunds.forEach(
        (paymentId, list) -> {
          if (list.stream().anyMatch(r -> r.status().equals("pending"))) {
            ids.add(paymentId);
          }
        });
    return ids;
  }

  private static Set<String> unsettledPaymentsWithRefunds(
      Map<String, PaymentSnapshot> payments, Map<String, List<RefundSnapshot>> refunds) {
    Set<String> ids = new HashSet<>();
    for (String id : refunds.keySet()) {
      PaymentSnapshot p = payments.get(id);
      if (p != null && !p.settled()) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static Set<String> pendingCharges(List<LedgerCharge> ledger, Set<String> orders) {
    Set<String> ids = new HashSet<>();
    if (ledger != null) {
      for (LedgerCharge c : ledger) {
        if (c.status().equals("pending") && orders.contains(c.orderReference())) {
          ids.add(c.id());
        }
      }
    }
    return ids;
  }
}
