package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway simulator as its own process, with a durable journal ({@code --data-dir}) so that a
 * {@code kill -9} and a start on the same port loses nothing it answered
 * (docs/gateway-simulator.md).
 */
public final class SpawnedSimulator {

  private static final Duration START = Duration.ofSeconds(60);

  private final ServerJar jar;
  private final Path dir;
  private final int port;
  private final URI webhookUrl;
  private final String webhookSecret;
  private volatile ChildProcess process;
  private volatile boolean stopped;

  private SpawnedSimulator(
      ServerJar jar, Path dir, int port, URI webhookUrl, String webhookSecret) {
    this.jar = jar;
    this.dir = dir;
    this.port = port;
    this.webhookUrl = webhookUrl;
    this.webhookSecret = webhookSecret;
  }

  /** Starts it and waits until it answers. */
  public static SpawnedSimulator start(
      ServerJar jar, Path dir, int port, URI webhookUrl, String webhookSecret) {
    SpawnedSimulator sim = new SpawnedSimulator(jar, dir, port, webhookUrl, webhookSecret);
    sim.restart();
    return sim;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Starts it (again) on its port with its journal; waits until {@code /sim/knobs} answers. */
  public void restart() {
    ChildProcess p =
        ChildProcess.start(
            "gateway simulator",
            jar.command(
                "gateway-sim",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dir.resolve("simulator-data").toString(),
                "--webhook-url",
                webhookUrl.toString(),
                "--webhook-secret",
                webhookSecret),
            dir,
            dir.resolve("simulator.log"));
    process = p;
    if (stopped) {
      // stop() ran while this one started: it is not to outlive the run.
      p.kill();
      throw new LabConnectionException("the gateway simulator is being stopped");
    }
    URI knobs = URI.create(url() + "/sim/knobs");
    Readiness.await(p, START, "gateway simulator", () -> Readiness.answers200(knobs));
  }

  /** The fault: {@code kill -9}. */
  public void kill() {
    process.kill();
  }

  public void stop() {
    stopped = true;
    ChildProcess p = process;
    if (p != null) {
      p.stop(Duration.ofSeconds(30));
    }
  }
}
