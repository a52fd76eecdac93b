package com.oncepay.outbox.rabbitmq;

import com.oncepay.config.OncepayProperties;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * What oncepay declares on RabbitMQ, and what a message says. One durable direct exchange routes
 * every job to one quorum queue (replicated, and the only kind with a delivery limit; on a single
 * node it works the same); a message delivered {@code deliveryLimit} times without an ack goes to
 * the dead-letter exchange and its queue, whose consumer marks the job dead in the outbox.
 *
 * <p>A message carries only the outbox row's id: the row is the job, the message only says "look at
 * it now", so a stale or duplicated message can never run a job that has moved on.
 */
public record QueueTopology(String exchange, String queue, String deadExchange, String deadQueue) {

  static final String ROUTING_KEY = "job";

  public static QueueTopology of(OncepayProperties.Rabbitmq settings) {
    String p = settings.prefix();
    return new QueueTopology(p + ".jobs", p + ".jobs", p + ".jobs.dlx", p + ".jobs.dead");
  }

  Declarables declarables(int deliveryLimit) {
    DirectExchange jobs = new DirectExchange(exchange, true, false);
    FanoutExchange dead = new FanoutExchange(deadExchange, true, false);
    Queue jobQueue =
        QueueBuilder.durable(queue)
            .quorum()
            .deliveryLimit(deliveryLimit)
            .deadLetterExchange(deadExchange)
            .build();
    Queue deadLetters = QueueBuilder.durable(deadQueue).quorum().build();
    Binding toJobs = BindingBuilder.bind(jobQueue).to(jobs).with(ROUTING_KEY);
    Binding toDead = BindingBuilder.bind(deadLetters).to(dead);
    return new Declarables(jobs, dead, jobQueue, deadLetters, toJobs, toDead);
  }

  /** The message of outbox row {@code id}: persistent, so it survives a broker restart. */
  static Message message(long id) {
    return MessageBuilder.withBody(Long.toString(id).getBytes(StandardCharsets.US_ASCII))
        .setContentType("text/plain")
        .setMessageId("outbox-" + id)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .build();
  }

  /** The outbox row a message names; empty for a message that is not one of ours. */
  static OptionalLong jobId(Message message) {
    try {
      return OptionalLong.of(
          Long.parseLong(new String(message.getBody(), StandardCharsets.US_ASCII).trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
