package com.oncepay.lab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one scenario's load looked like: every HTTP attempt's status, and latencies in HdrHistograms
 * (microseconds, 3 significant digits), overall and per operation. Written by many threads.
 */
public final class ScenarioMetrics {

  /** The status key of an attempt that got no answer (refused, reset, timed out). */
  public static final String IO_ERROR = "io_error";

  /**
   * The flow of a pay that answered a payment, timed like {@code pay}: the pay-only measurements
   * count their payments by it, so a pay that failed is not a payment.
   */
  public static final String PAID = "paid";

  private static final int MAX_PROBLEMS = 20;

  private final ConcurrentHistogram all = new ConcurrentHistogram(3);
  private final Map<String, ConcurrentHistogram> byOperation = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final LongAdder problemCount = new LongAdder();
  private final Map<String, LongAdder> balancerStatuses = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> oncepayStatuses = new ConcurrentHashMap<>();
  private final InFlightCalls inFlight = new InFlightCalls();
  private final ConcurrentLinkedQueue<FaultRecord> faults = new ConcurrentLinkedQueue<>();
  private volatile long startNanos;
  private volatile long endNanos;

  public void start() {
    startNanos = System.nanoTime();
    endNanos = 0;
  }

  /** Ends the load phase; the first call counts (a scenario may end it before it returns). */
  public void stop() {
    if (endNanos == 0) {
      endNanos = System.nanoTime();
    }
  }

  /** One HTTP attempt: its status, or -1 when no answer came. */
  public void countAttempt(int status) {
    requests.increment();
    if (status < 0 || status >= 500) {
      failures.increment();
    }
    statuses.computeIfAbsent(statusKey(status), k -> new LongAdder()).increment();
  }

  /**
   * An error answer the scenario saw as it is (exact calls; for the retrying client, the last
   * answer of a call that gave up), keyed like {@code "409 order_busy"}.
   */
  public void countError(int status, String code) {
    if (status >= 400) {
      String key = status + " " + (code == null ? "(no code)" : code);
      errorCodes.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
  }

  /**
   * Who gave one answer: the balancer itself when it carries {@code X-Oncepay-Balancer} (its value,
   * HAProxy's own condition: 502, 503 or 504, though the status sent is 503), else oncepay.
   */
  public void countOrigin(int status, String balancerCondition) {
    if (balancerCondition != null) {
      balancerStatuses.computeIfAbsent(balancerCondition, k -> new LongAdder()).increment();
    } else {
      oncepayStatuses.computeIfAbsent(statusKey(status), k -> new LongAdder()).increment();
    }
  }

  /** HAProxy's own answers by the condition it turned into a 503. */
  public SortedMap<String, Long> balancerStatusCounts() {
    return sums(balancerStatuses);
  }

  /** The answers that came from oncepay itself, by status. */
  public SortedMap<String, Long> oncepayStatusCounts() {
    return sums(oncepayStatuses);
  }

  public InFlightCalls inFlight() {
    return inFlight;
  }

  public void fault(FaultRecord fault) {
    faults.add(fault);
  }

  public List<FaultRecord> faults() {
    return new ArrayList<>(faults);
  }

  private static SortedMap<String, Long> sums(Map<String, LongAdder> adders) {
    SortedMap<String, Long> counts = new TreeMap<>();
    adders.forEach((key, count) -> counts.put(key, count.sum()));
    return counts;
  }

  public SortedMap<String, Long> errorCodes() {
    SortedMap<String, Long> counts = new TreeMap<>();
    errorCodes.forEach((key, count) -> counts.put(key, count.sum()));
    return counts;
  }

  public static String statusKey(int status) {
    return status < 0 ? IO_ERROR : Integer.toString(status);
  }

  /** A latency of one operation, such as {@code pay} or {@code refund}. */
  public void recordLatency(String operation, long nanos) {
    long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    all.recordValue(micros);
    byOperation.computeIfAbsent(operation, o -> new ConcurrentHistogram(3)).recordValue(micros);
  }

  /**
   * A whole flow's latency, such as a checkout from its intended start to its last answer: kept per
   * name but out of the per-request histogram.
   */
  public void recordFlow(String flow, long nanos) {
    long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    byOperation.computeIfAbsent(flow, o -> new ConcurrentHistogram(3)).recordValue(micros);
  }

  /** Something went wrong in the lab itself or an answer made no sense; kept for the report. */
  public void problem(String message) {
    problemCount.increment();
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(message);
    }
  }

  public long requests() {
    return requests.sum();
  }

  /** Attempts without an answer or with a 5xx. */
  public long failures() {
    return failures.sum();
  }

  public long problemCount() {
    return problemCount.sum();
  }

  public List<String> problems() {
    return new ArrayList<>(problems);
  }

  public SortedMap<String, Long> statusCounts() {
    SortedMap<String, Long> counts = new TreeMap<>();
    statuses.forEach((status, count) -> counts.put(status, count.sum()));
    return counts;
  }

  /** Nanoseconds since start, up to stop once stopped. */
  public long elapsedNanos() {
    long end = endNanos == 0 ? System.nanoTime() : endNanos;
    return startNanos == 0 ? 0 : end - startNanos;
  }

  public Histogram latency() {
    return all.copy();
  }

  public SortedMap<String, Histogram> latencyByOperation() {
    SortedMap<String, Histogram> copies = new TreeMap<>();
    byOperation.forEach((operation, histogram) -> copies.put(operation, histogram.copy()));
    return copies;
  }
}
