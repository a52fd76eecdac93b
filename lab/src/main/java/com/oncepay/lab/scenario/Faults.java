package com.oncepay.lab.scenario;

/**
 * What the chaos scenario may break, and how it repairs it: only the processes of a topology the
 * lab started itself ({@code --spawn --instances N}). Each call returns when the action is done (a
 * restart: when the process answers again).
 */
public interface Faults {

  int instances();

  /** Whether instance {@code i} (0-based) is running and was ready when last started. */
  boolean instanceUp(int i);

  /** {@code kill -9} of instance {@code i}. */
  void killInstance(int i);

  /**
   * Starts instance {@code i} again on its port and waits until it is ready, starting it again if
   * it exits first.
   *
   * @return how many starts it took
   */
  int restartInstance(int i);

  /** {@code pg_ctl restart -m fast} of the lab's own PostgreSQL. */
  void restartPostgres();

  /** {@code kill -9} of the gateway simulator. */
  void killGateway();

  /** Starts the simulator again on its port with its journal. */
  void restartGateway();

  boolean hasPgBouncer();

  /** {@code kill -9} of PgBouncer. */
  void killPgBouncer();

  /** Starts PgBouncer again on its port. */
  void restartPgBouncer();

  /** Whether the topology runs a RabbitMQ of its own ({@code --queue rabbitmq}). */
  default boolean hasRabbitMq() {
    return false;
  }

  /** Stops the lab's RabbitMQ (SIGTERM: a clean shutdown, as in a broker restart). */
  default void stopRabbitMq() {
    throw new UnsupportedOperationException("this topology runs no RabbitMQ");
  }

  /** Starts the lab's RabbitMQ again on its port and data, and waits until it accepts clients. */
  default void startRabbitMq() {
    throw new UnsupportedOperationException("this topology runs no RabbitMQ");
  }

  /** Whether the topology runs a Redis of the lab's own ({@code --strategy redis}). */
  default boolean hasRedis() {
    return false;
  }

  /** {@code kill -9} of the lab's Redis: every lock and fencing counter is gone with it. */
  default void killRedis() {
    throw new UnsupportedOperationException("this topology has no Redis of its own");
  }

  /** Starts the lab's Redis again on its port, empty. */
  default void restartRedis() {
    throw new UnsupportedOperationException("this topology has no Redis of its own");
  }
}
