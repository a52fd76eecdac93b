package com.oncepay.testsupport;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The machine's real RabbitMQ at 127.0.0.1:5672 (guest/guest; .ci/run starts it). Each test class
 * gets exchanges and queues of its own through ONCEPAY_RABBITMQ_PREFIX, so parallel runs never
 * share a queue, and deletes them afterwards.
 */
public final class TestRabbitMq {

  public static final String URL = "amqp://guest:guest@127.0.0.1:5672/%2F";

  private TestRabbitMq() {}

  /** A prefix no other run uses; fails the test when no broker is running. */
  public static String uniquePrefix(String name) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
    } catch (IOException e) {
      throw new IllegalStateException("no RabbitMQ at 127.0.0.1:5672: .ci/run starts it", e);
    }
    return "oncepay-test-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Publishes the message of outbox row {@code id} as the relay would. */
  public static void publishJob(String url, String prefix, long id) {
    try (Connection c = connect(url);
        Channel channel = c.createChannel()) {
      channel.basicPublish(
          prefix + ".jobs",
          "job",
          true,
          MessageProperties.PERSISTENT_TEXT_PLAIN,
          Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish job " + id, e);
    }
  }

  /** How many messages wait, not yet delivered, in the prefix's job queue. */
  public static long readyMessages(String url, String prefix) {
    try (Connection c = connect(url);
        Channel channel = c.createChannel()) {
      return channel.queueDeclarePassive(prefix + ".jobs").getMessageCount();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read queue " + prefix + ".jobs", e);
    }
  }

  /** Deletes what the service declared under {@code prefix}. */
  public static void deleteTopology(String url, String prefix) {
    try (Connection c = connect(url);
        Channel channel = c.createChannel()) {
      channel.queueDelete(prefix + ".jobs");
      channel.queueDelete(prefix + ".jobs.dead");
      channel.exchangeDelete(prefix + ".jobs");
      channel.exchangeDelete(prefix + ".jobs.dlx");
    } catch (Exception e) {
      // Best effort: a leftover queue of a unique name harms no other run.
    }
  }

  private static Connection connect(String url) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(url);
    factory.setConnectionTimeout(2000);
    return factory.newConnection("oncepay-test");
  }
}
