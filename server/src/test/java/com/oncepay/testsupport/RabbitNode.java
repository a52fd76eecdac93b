package com.oncepay.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the test's own, a child process on free ports with its data in a temporary
 * directory, so a test can stop and restart it without touching the machine's shared broker on
 * 5672. The server script is started directly (not the {@code /usr/sbin} wrapper, which switches to
 * the rabbitmq user) with the machine's config and env files replaced by ours: the shared node's
 * files pin its name and port. Its Erlang cookie is made in its own HOME. Stopping sends SIGTERM to
 * the script, whose node shuts down cleanly; the same directory is used again on restart, so
 * durable queues and persistent messages survive as they would on a real restart.
 */
public final class RabbitNode implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

  private final Path dir;
  private final int port;
  private final int distPort;
  private final String name;
  private Process process;

  private RabbitNode(Path dir, int port, int distPort) {
    this.dir = dir;
    this.port = port;
    this.distPort = distPort;
    this.name = "oncepay-test-" + port + "@localhost";
  }

  public static RabbitNode start() {
    try {
      Path dir = Files.createTempDirectory("oncepay-rabbit-");
      RabbitNode node = new RabbitNode(dir, LocalPorts.free(), LocalPorts.free());
      Files.createDirectories(dir.resolve("home"));
      Files.writeString(
          dir.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + node.port + "\n");
      Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
      node.startProcess();
      Runtime.getRuntime().addShutdownHook(new Thread(node::close));
      return node;
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a RabbitMQ node", e);
    }
  }

  public String url() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
  }

  /** Starts the node (again) and waits until it accepts connections. */
  public synchronized void startProcess() {
    if (process != null && process.isAlive()) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString());
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.resolve("home").toString());
    env.put("RABBITMQ_NODENAME", name);
    env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + SERVER + " (is RabbitMQ installed?)", e);
    }
    Await.until(
        Duration.ofSeconds(60),
        "the RabbitMQ node on port " + port + " (see " + dir.resolve("out.log") + ")",
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("RabbitMQ node exited; see " + dir.resolve("out.log"));
          }
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
          } catch (IOException notYet) {
            return false;
          }
        });
  }

  /** Stops the node by its process (SIGTERM: a clean shutdown) and waits until it is gone. */
  public synchronized void stopProcess() {
    if (process == null) {
      return;
    }
    // The script runs the node (beam) as its child and passes SIGTERM on; the child is also
    // stopped by its own PID in case the script went first.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.destroy();
        child.onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    process = null;
  }

  @Override
  public void close() {
    stopProcess();
  }
}
