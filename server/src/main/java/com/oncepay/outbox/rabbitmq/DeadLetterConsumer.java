package com.oncepay.outbox.rabbitmq;

import com.oncepay.outbox.OutboxRepository;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Turns each dead-lettered message into a dead outbox job, so it shows where dead jobs of the
 * PostgreSQL queue show (the {@code oncepay.queue.dead} gauge, doctor's dead-jobs check, the
 * operators' query). The message is acknowledged once the row is written; while the database is
 * away it is requeued after a pause (the dead-letter queue has no delivery limit).
 */
final class DeadLetterConsumer implements ChannelAwareMessageListener {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterConsumer.class);

  private final OutboxRepository outbox;
  private final Clock clock;
  private final MeterRegistry meters;
  private final int deliveryLimit;

  DeadLetterConsumer(
      OutboxRepository outbox, Clock clock, MeterRegistry meters, int deliveryLimit) {
    this.outbox = outbox;
    this.clock = clock;
    this.meters = meters;
    this.deliveryLimit = deliveryLimit;
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException, InterruptedException {
    long tag = message.getMessageProperties().getDeliveryTag();
    OptionalLong id = QueueTopology.jobId(message);
    if (id.isEmpty()) {
      log.error("dead-lettered message {} names no outbox job", message.getMessageProperties());
      channel.basicAck(tag, false);
      return;
    }
    try {
      boolean buried =
          outbox.deadLettered(
              id.getAsLong(),
              "dead-lettered by RabbitMQ: delivered "
                  + deliveryLimit
                  + "+ times without an acknowledgement",
              OffsetDateTime.now(clock));
      if (buried) {
        log.error("job {} dead: its message reached the delivery limit", id.getAsLong());
        Counter.builder(QueueMetrics.DELIVERIES)
            .tag("outcome", "dead_lettered")
            .register(meters)
            .increment();
      }
      channel.basicAck(tag, false);
    } catch (RuntimeException e) {
      log.warn("dead letter of job {} not recorded yet: {}", id.getAsLong(), e.getMessage());
      // A pause before handing it back: while the database is away, a requeued dead letter would
      // otherwise come straight back and spin this consumer.
      Thread.sleep(1000);
      channel.basicNack(tag, false, true);
    }
  }
}
