package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * With {@code --queue rabbitmq}: a RabbitMQ node of the run's own, on free ports, its data and logs
 * in the run's directory, so the instances never share a broker with anything else and the chaos
 * scenario can restart it.
 *
 * <p>Debian's {@code /usr/sbin/rabbitmq-server} switches to the rabbitmq user and reads {@code
 * /etc/rabbitmq}, whose files pin the machine's own node name and port; the lab starts the server
 * script under it directly, with a config and an env file of its own in place of those, and a HOME
 * of its own where Erlang makes the node's cookie. The node is stopped by the PIDs the lab got (the
 * script, and the Erlang VM it runs), SIGTERM first: a clean shutdown, after which a restart on the
 * same directory finds its durable queues and persistent messages.
 */
public final class SpawnedRabbitMq {

  static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final Path home;
  private final int port;
  private final int distPort;
  private volatile ChildProcess process;
  private volatile List<ProcessHandle> node = List.of();
  private volatile boolean stopped;

  private SpawnedRabbitMq(Path home, int port, int distPort) {
    this.home = home;
    this.port = port;
    this.distPort = distPort;
  }

  /**
   * Whether the servers' settings ask for the RabbitMQ queue, which then runs on a node of ours.
   */
  static boolean wanted(Map<String, String> env) {
    return "rabbitmq".equals(env.get("ONCEPAY_QUEUE"));
  }

  public static SpawnedRabbitMq start(Path dir, int port, int distPort) {
    if (!Files.isExecutable(SERVER)) {
      throw Binaries.missing("RabbitMQ's server (" + SERVER + ")", "rabbitmq-server");
    }
    Path home = dir.resolve("rabbitmq");
    try {
      Files.createDirectories(home.resolve("home"));
      Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port);
      Files.writeString(home.resolve("rabbitmq-env.conf"), "");
    } catch (IOException e) {
      throw new LabConnectionException("cannot write the RabbitMQ configuration: " + e, e);
    }
    SpawnedRabbitMq rabbit = new SpawnedRabbitMq(home, port, distPort);
    rabbit.startProcess();
    return rabbit;
  }

  private void startProcess() {
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString());
    Map<String, String> env = builder.environment();
    env.put("HOME", home.resolve("home").toString());
    env.put("RABBITMQ_NODENAME", "oncepay-lab-" + port + "@localhost");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
    env.put("RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", home.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
    env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
    ChildProcess p = ChildProcess.start("RabbitMQ", builder, home, home.resolve("rabbitmq.log"));
    process = p;
    if (stopped) {
      p.kill();
      throw new LabConnectionException("RabbitMQ is being stopped");
    }
    Readiness.await(p, START, "RabbitMQ on port " + port, () -> Ports.listening(port));
    node = ProcessHandle.of(p.pid()).map(h -> h.descendants().toList()).orElse(List.of());
  }

  /** The AMQP URL the instances are given. */
  public String url() {
    return "amqp://guest:guest@127.0.0.1:" + port + "/%2F";
  }

  public int port() {
    return port;
  }

  /** Starts it again on the same port and data, after {@link #stopProcess}. */
  public void restart() {
    startProcess();
  }

  /** The fault: a clean stop (SIGTERM), as a broker restart or an operator's stop does. */
  public void stopProcess() {
    ChildProcess p = process;
    if (p == null) {
      return;
    }
    p.stop(STOP_GRACE);
    // The script passes SIGTERM on to the Erlang VM; should it have gone first, the VM is stopped
    // by its own PID.
    for (ProcessHandle vm : node) {
      if (vm.isAlive()) {
        vm.destroy();
        try {
          vm.onExit().get(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          vm.destroyForcibly();
        }
      }
    }
  }

  public void stop() {
    stopped = true;
    stopProcess();
  }
}
