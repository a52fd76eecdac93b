package com.oncepay.doctor;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;

/**
 * Connects to the RabbitMQ of ONCEPAY_RABBITMQ_URL over AMQP (amqp-client). This version has no
 * queues on RabbitMQ yet (ONCEPAY_QUEUE accepts only postgres), so reachability is all there is to
 * check, and the finding says so.
 */
final class RabbitMqProbe {

  private static final int TIMEOUT_MS = 2_000;

  private final URI url;

  RabbitMqProbe(URI url) {
    this.url = url;
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
      Object version = connection.getServerProperties().get("version");
      return Finding.ok(
          "rabbitmq",
          "RabbitMQ "
              + version
              + " accepts AMQP connections at "
              + where
              + "; no queue is checked: this version keeps its work queue in PostgreSQL");
    } catch (Exception e) {
      return Finding.fail(
          "rabbitmq",
          "cannot open an AMQP connection to " + where + ": " + Checks.message(e),
          "start RabbitMQ, or fix the host, port, credentials or vhost in ONCEPAY_RABBITMQ_URL");
    }
  }
}
