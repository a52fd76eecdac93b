package com.oncepay.doctor;

import com.oncepay.outbox.rabbitmq.QueueTopology;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Connects to the RabbitMQ of ONCEPAY_RABBITMQ_URL over AMQP (amqp-client). With ONCEPAY_QUEUE=
 * rabbitmq it also checks the topology the service declares (passively: doctor never creates
 * anything): the job queue and the dead-letter queue exist, someone consumes the job queue, and
 * nothing waits in the dead-letter queue (its consumer turns each message into a dead job at once).
 */
final class RabbitMqProbe {

  private static final int TIMEOUT_MS = 2_000;

  private final URI url;
  private final Optional<QueueTopology> topology;

  RabbitMqProbe(URI url, Optional<QueueTopology> topology) {
    this.url = url;
    this.topology = topology;
  }

  static Finding notConfigured() {
    return Finding.ok("rabbitmq", "not configured (ONCEPAY_RABBITMQ_URL is unset)");
  }

  Finding run() {
    String where = url.getHost() + ":" + (url.getPort() < 0 ? 5672 : url.getPort());
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(url);
    } catch (Exception e) {
      return Finding.fail(
          "rabbitmq",
          "ONCEPAY_RABBITMQ_URL is not an AMQP URI: " + Checks.message(e),
          "use amqp://user:password@host:5672/vhost");
    }
    factory.setConnectionTimeout(TIMEOUT_MS);
    factory.setHandshakeTimeout(TIMEOUT_MS);
    factory.setAutomaticRecoveryEnabled(false);
    try (Connection connection = factory.newConnection("oncepay-doctor")) {
      String broker =
          "RabbitMQ " + connection.getServerProperties().get("version") + " at " + where;
      if (topology.isEmpty()) {
        return Finding.ok(
            "rabbitmq",
            broker
                + " accepts AMQP connections; no queue is checked: ONCEPAY_QUEUE=postgres keeps"
                + " the work queue in PostgreSQL");
      }
      return queues(connection, broker, topology.get());
    } catch (Exception e) {
      return Finding.fail(
          "rabbitmq",
          "cannot open an AMQP connection to " + where + ": " + Checks.message(e),
          "start RabbitMQ, or fix the host, port, credentials or vhost in ONCEPAY_RABBITMQ_URL");
    }
  }

  private static Finding queues(Connection connection, String broker, QueueTopology topology)
      throws IOException {
    Optional<AMQP.Queue.DeclareOk> jobs = passive(connection, topology.queue());
    Optional<AMQP.Queue.DeclareOk> dead = passive(connection, topology.deadQueue());
    if (jobs.isEmpty() || dead.isEmpty()) {
      return Finding.fail(
          "rabbitmq",
          broker
              + " has no queue "
              + (jobs.isEmpty() ? topology.queue() : topology.deadQueue())
              + ": no instance with ONCEPAY_QUEUE=rabbitmq has connected to it (each declares"
              + " the topology when it connects), or ONCEPAY_RABBITMQ_PREFIX or the vhost differ",
          "start an instance with the same ONCEPAY_RABBITMQ_URL and ONCEPAY_RABBITMQ_PREFIX, and"
              + " check its log for a declaration error");
    }
    String counts =
        broker
            + ": queue "
            + topology.queue()
            + " has "
            + jobs.get().getMessageCount()
            + " ready messages and "
            + jobs.get().getConsumerCount()
            + " consumers; "
            + topology.deadQueue()
            + " holds "
            + dead.get().getMessageCount();
    if (jobs.get().getConsumerCount() == 0) {
      return Finding.warn(
          "rabbitmq",
          counts + ": nobody consumes the jobs, so async payments wait",
          "start an instance with ONCEPAY_QUEUE=rabbitmq and the worker enabled");
    }
    if (dead.get().getMessageCount() > 0) {
      return Finding.warn(
          "rabbitmq",
          counts + ": dead letters are not being turned into dead jobs",
          "check the instances' logs for the dead-letter consumer's errors");
    }
    return Finding.ok("rabbitmq", counts);
  }

  /** A passive declare on its own channel: a missing queue closes the channel it was asked on. */
  private static Optional<AMQP.Queue.DeclareOk> passive(Connection connection, String queue)
      throws IOException {
    Channel channel = connection.createChannel();
    try {
      AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
      channel.close();
      return Optional.of(ok);
    } catch (IOException e) {
      // The broker's 404 NOT_FOUND, which closed the channel.
      return Optional.empty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("closing a channel timed out", e);
    }
  }
}
