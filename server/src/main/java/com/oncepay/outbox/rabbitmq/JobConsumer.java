package com.oncepay.outbox.rabbitmq;

import com.oncepay.outbox.Job;
import com.oncepay.outbox.JobRunner;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.persistence.TransientFailures;
import com.rabbitmq.client.Channel;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Runs the job of each message and acknowledges the message only after the job's outcome is
 * committed: the executor's finalize transaction, then the outbox row (done, retry with its run_at,
 * or dead). A consumer that dies before its ack leaves the message unacked; the broker gives it to
 * another consumer when the channel closes, marked redelivered, and that consumer takes the job
 * over (the executor is idempotent: the same gateway key, one finalizer wins).
 *
 * <p>A retry is the outbox's: the row goes back to ready with its backoff's run_at and the relay
 * publishes it again when it is due; the message of this run is acknowledged. Messages whose job is
 * claimed by a live consumer, finished, dead or not yet due again are duplicates and are dropped.
 */
final class JobConsumer implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(JobConsumer.class);

  private final OutboxRepository outbox;
  private final JobRunner runner;
  private final Clock clock;
  private final MeterRegistry meters;
  private final RetryConfig untilTheDatabaseAnswers;

  JobConsumer(OutboxRepository outbox, JobRunner runner, Clock clock, MeterRegistry meters) {
    this.outbox = outbox;
    this.runner = runner;
    this.clock = clock;
    this.meters = meters;
    // A database outage must not burn the message's deliveries (the queue dead-letters after its
    // delivery limit): the claim is retried here, holding the message, for up to a lease.
    this.untilTheDatabaseAnswers =
        RetryConfig.custom()
            .maxAttempts(2 + (int) (runner.lease().toSeconds() / 2))
            .intervalFunction(
                IntervalFunction.ofExponentialBackoff(
                    Duration.ofMillis(250), 2, Duration.ofSeconds(2)))
            .retryOnException(TransientFailures::isTransient)
            .build();
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().isRedelivered());
    if (redelivered) {
      Counter.builder(QueueMetrics.REDELIVERIES)
          .description("messages the broker delivered again after a consumer did not ack")
          .register(meters)
          .increment();
    }
    OptionalLong id = QueueTopology.jobId(message);
    if (id.isEmpty()) {
      log.error("message {} names no outbox job; dead-lettered", message.getMessageProperties());
      count("unreadable");
      channel.basicReject(tag, false);
      return;
    }
    Optional<Job> job;
    try {
      job =
          Retry.decorateSupplier(
                  Retry.of("claim-delivered-" + id.getAsLong(), untilTheDatabaseAnswers),
                  () -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    return outbox.claimDelivered(
                        id.getAsLong(),
                        runner.workerId(),
                        redelivered,
                        now.plus(runner.lease()),
                        now);
                  })
              .get();
    } catch (RuntimeException e) {
      log.warn("job {} not claimed, message requeued: {}", id.getAsLong(), e.getMessage());
      channel.basicNack(tag, false, true);
      return;
    }
    if (job.isEmpty()) {
      count("duplicate");
      channel.basicAck(tag, false);
      return;
    }
    try {
      runner.run(job.get());
    } catch (RuntimeException e) {
      // The outcome is not recorded: the message goes back, and whoever gets it takes over.
      log.error("job {} {} outcome not recorded, message requeued", job.get().kind(), id, e);
      channel.basicNack(tag, false, true);
      return;
    }
    count("run");
    channel.basicAck(tag, false);
  }

  private void count(String outcome) {
    Counter.builder(QueueMetrics.DELIVERIES)
        .description("messages received from RabbitMQ, by what became of them")
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
