package com.oncepay.outbox.rabbitmq;

/** The RabbitMQ queue's metric names (docs/metrics.md). */
public final class QueueMetrics {

  /** Publishes by outcome: confirmed, nacked, returned (unroutable), unconfirmed (timeout). */
  public static final String PUBLISHED = "oncepay.queue.published";

  /** From a job becoming due to the broker confirming its message. */
  public static final String RELAY_LAG = "oncepay.queue.relay_lag";

  /** Messages received by outcome: run, duplicate (dropped), dead_lettered, unreadable. */
  public static final String DELIVERIES = "oncepay.queue.deliveries";

  /** Messages the broker delivered again (a consumer's channel closed before its ack). */
  public static final String REDELIVERIES = "oncepay.queue.redeliveries";

  private QueueMetrics() {}
}
