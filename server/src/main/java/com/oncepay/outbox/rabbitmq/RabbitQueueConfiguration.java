package com.oncepay.outbox.rabbitmq;

import com.oncepay.config.OncepayProperties;
import com.oncepay.liveness.InstanceId;
import com.oncepay.outbox.JobRunner;
import com.oncepay.outbox.NotificationListener;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.outbox.OutboxWorker;
import com.oncepay.outbox.Wakeup;
import com.oncepay.persistence.DatabaseRoute;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * ONCEPAY_QUEUE=rabbitmq: the connection, the topology, the relay and the consumers. Spring Boot's
 * own RabbitMQ auto-configuration is excluded (application.yml): it would connect with {@code
 * spring.rabbitmq.*} settings whatever the queue, and its health check would take an instance out
 * of the balancer while RabbitMQ is away, when the API should keep accepting payments.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "oncepay.queue", havingValue = OncepayProperties.RABBITMQ)
class RabbitQueueConfiguration {

  /** Tries of a lost connection, and of consumers whose channel closed, this often. */
  private static final long RECOVERY_INTERVAL_MS = 1000;

  @Bean
  QueueTopology queueTopology(OncepayProperties properties) {
    return QueueTopology.of(properties.rabbitmq());
  }

  @Bean(destroyMethod = "destroy")
  CachingConnectionFactory oncepayRabbitConnectionFactory(
      OncepayProperties properties, InstanceId instance) {
    CachingConnectionFactory factory = new CachingConnectionFactory(properties.rabbitmq().url());
    factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
    factory.setPublisherReturns(true);
    // Named for the instance, so the broker's connection list says whose consumers are whose.
    factory.setConnectionNameStrategy(f -> "oncepay " + instance.value());
    factory.getRabbitConnectionFactory().setConnectionTimeout(2000);
    factory.getRabbitConnectionFactory().setRequestedHeartbeat(10);
    // Spring's own recovery (the listener containers, the template on its next use) replaces the
    // client's, which would recover channels behind Spring's back.
    factory.getRabbitConnectionFactory().setAutomaticRecoveryEnabled(false);
    return factory;
  }

  @Bean
  RabbitAdmin oncepayRabbitAdmin(CachingConnectionFactory factory) {
    // Declares the topology on every new connection, so a broker that lost it (a fresh node) gets
    // it back before the first publish.
    return new RabbitAdmin(factory);
  }

  @Bean
  Declarables oncepayQueueTopology(QueueTopology topology, OncepayProperties properties) {
    return topology.declarables(properties.rabbitmq().deliveryLimit());
  }

  @Bean
  RabbitTemplate oncepayRabbitTemplate(CachingConnectionFactory factory) {
    RabbitTemplate template = new RabbitTemplate(factory);
    // Unroutable publishes come back (and count as not published) instead of vanishing.
    template.setMandatory(true);
    return template;
  }

  @Bean
  OutboxRelay outboxRelay(
      OutboxRepository outbox,
      RabbitTemplate template,
      QueueTopology topology,
      OncepayProperties properties,
      Wakeup wakeup,
      Clock clock,
      HikariDataSource pool,
      DatabaseRoute route,
      JobRunner runner,
      MeterRegistry meters) {
    return new OutboxRelay(
        outbox,
        template,
        topology,
        properties,
        wakeup,
        NotificationListener.forRoute(pool, route, wakeup),
        clock,
        runner.workerId(),
        meters);
  }

  @Bean
  SimpleMessageListenerContainer oncepayJobConsumers(
      CachingConnectionFactory factory,
      QueueTopology topology,
      OutboxRepository outbox,
      JobRunner runner,
      OncepayProperties properties,
      Clock clock,
      MeterRegistry meters) {
    SimpleMessageListenerContainer container =
        container(factory, properties, topology.queue(), "oncepay-consumer-");
    // One unacked message per consumer: a message waits in the queue, where any instance's idle
    // consumer can take it, not in a busy consumer's buffer.
    container.setConcurrentConsumers(properties.worker().concurrency());
    container.setPrefetchCount(1);
    container.setMessageListener(new JobConsumer(outbox, runner, clock, meters));
    return container;
  }

  @Bean
  SimpleMessageListenerContainer oncepayDeadLetterConsumer(
      CachingConnectionFactory factory,
      QueueTopology topology,
      OutboxRepository outbox,
      OncepayProperties properties,
      Clock clock,
      MeterRegistry meters) {
    SimpleMessageListenerContainer container =
        container(factory, properties, topology.deadQueue(), "oncepay-dead-letters-");
    container.setConcurrentConsumers(1);
    container.setPrefetchCount(10);
    container.setMessageListener(
        new DeadLetterConsumer(outbox, clock, meters, properties.rabbitmq().deliveryLimit()));
    return container;
  }

  private static SimpleMessageListenerContainer container(
      CachingConnectionFactory factory, OncepayProperties properties, String queue, String names) {
    SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(factory);
    container.setQueueNames(queue);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(names);
    threads.setVirtualThreads(true);
    container.setTaskExecutor(threads);
    container.setRecoveryInterval(RECOVERY_INTERVAL_MS);
    // A queue missing or declared differently is retried (and reported by doctor), not fatal: the
    // API keeps accepting work into the outbox meanwhile.
    container.setMissingQueuesFatal(false);
    container.setMismatchedQueuesFatal(false);
    container.setShutdownTimeout(properties.worker().shutdownGrace().toMillis());
    container.setAutoStartup(properties.worker().enabled());
    // Stops before the runner, which then hands back the claims still open.
    container.setPhase(OutboxWorker.PHASE);
    return container;
  }
}
