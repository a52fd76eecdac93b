package com.oncepay.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The ids a log line concerns, kept in the SLF4J MDC of the running thread: they become fields of
 * every line in JSON mode and are shown on every line in text mode (docs/logging.md).
 *
 * <p>Two ways in. Inside a request, {@link #put} sets an id for the rest of the request: the
 * request's outermost filter ({@code web.RequestIdFilter}) drops whatever was put when the request
 * ends, so the exception handler's and the request log's lines still carry it. Code that also runs
 * outside a request (the queue's workers, recovery) opens a {@link Scope} with try-with-resources,
 * which puts the previous values back on close, so nested scopes and a job's thread end clean.
 *
 * <p>Values are ids only, never a key, secret, body or anything a client typed freely.
 */
public final class LogContext {

  public static final String REQUEST_ID = "request_id";
  public static final String MERCHANT_ID = "merchant_id";
  public static final String ORDER_ID = "order_id";
  public static final String PAYMENT_ID = "payment_id";
  public static final String OPERATION_ID = "operation_id";
  public static final String EVENT_ID = "event_id";
  public static final String JOB_ID = "job_id";
  public static final String JOB_KIND = "job_kind";

  private LogContext() {}

  /** Sets {@code key} for the rest of the current request; a null value is ignored. */
  public static void put(String key, Object value) {
    if (value != null) {
      MDC.put(key, value.toString());
    }
  }

  /** Sets {@code key} until the returned scope is closed; a null value sets nothing. */
  public static Scope with(String key, Object value) {
    return new Scope().and(key, value);
  }

  /** A scope that sets nothing, for code that has no id to add. */
  public static Scope none() {
    return new Scope();
  }

  /** Everything set on this thread now, to {@link #restore} later. */
  public static Map<String, String> snapshot() {
    return MDC.getCopyOfContextMap();
  }

  /** Puts back exactly what {@link #snapshot} returned (null: nothing). */
  public static void restore(Map<String, String> snapshot) {
    if (snapshot == null || snapshot.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(snapshot);
    }
  }

  /** Ids set until {@link #close}, which puts back what each key held before. */
  public static final class Scope implements AutoCloseable {

    private record Previous(String key, String value) {}

    private final List<Previous> previous = new ArrayList<>(4);

    private Scope() {}

    /** Also sets {@code key} until this scope closes; a null value sets nothing. */
    public Scope and(String key, Object value) {
      if (value != null) {
        previous.add(new Previous(key, MDC.get(key)));
        MDC.put(key, value.toString());
      }
      return this;
    }

    @Override
    public void close() {
      for (Previous p : previous.reversed()) {
        if (p.value() == null) {
          MDC.remove(p.key());
        } else {
          MDC.put(p.key(), p.value());
        }
      }
      previous.clear();
    }
  }
}
