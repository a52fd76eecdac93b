package com.oncepay.lab;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code --spawn}: a gateway simulator and an oncepay server of our own, as child processes of the
 * server jar, on free local ports, in a temporary directory (so the embedded database lives under
 * {@code <tmp>/.oncepay}). Stopped by PID — SIGTERM first, then a forced kill after a deadline —
 * and only ever the two processes started here.
 */
final class SpawnedStack implements AutoCloseable {

  static final String SERVER_JAR_PROPERTY = "oncepay.server.jar";
  static final String DEFAULT_SERVER_JAR = "app/target/oncepay.jar";
  static final String READY_LINE = "oncepay is serving on http://";

  /** Passed through to the spawned server when set, so the lab can race every configuration. */
  static final List<String> PASS_THROUGH =
      List.of(
          "ONCEPAY_DB_URL",
          "ONCEPAY_DB_USER",
          "ONCEPAY_DB_PASSWORD",
          "ONCEPAY_CONCURRENCY_STRATEGY",
          "ONCEPAY_ALLOW_UNSAFE",
          "ONCEPAY_QUEUE",
          "ONCEPAY_REDIS_URL",
          "ONCEPAY_RABBITMQ_URL",
          "ONCEPAY_LOG_FORMAT");

  private static final Duration SERVER_START = Duration.ofSeconds(120);
  private static final Duration SIMULATOR_START = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Path dir;
  private final URI serverUrl;
  private final URI simulatorUrl;
  private final String apiKey;
  private final String gatewayWebhookSecret;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean forced;

  private SpawnedStack(
      Path dir, URI serverUrl, URI simulatorUrl, String apiKey, String gatewayWebhookSecret) {
    this.dir = dir;
    this.serverUrl = serverUrl;
    this.simulatorUrl = simulatorUrl;
    this.apiKey = apiKey;
    this.gatewayWebhookSecret = gatewayWebhookSecret;
    this.shutdownHook = new Thread(this::stopAll, "race-lab-stop-spawned");
  }

  URI serverUrl() {
    return serverUrl;
  }

  URI simulatorUrl() {
    return simulatorUrl;
  }

  String apiKey() {
    return apiKey;
  }

  /** What the simulator signs its webhooks with, and the server accepts. */
  String gatewayWebhookSecret() {
    return gatewayWebhookSecret;
  }

  Path dir() {
    return dir;
  }

  /** Starts both, waits until both answer; on any failure stops what it started and throws. */
  static SpawnedStack start(Map<String, String> env, PrintStream log) {
    Path jar = Path.of(System.getProperty(SERVER_JAR_PROPERTY, DEFAULT_SERVER_JAR));
    if (!Files.isRegularFile(jar)) {
      throw new LabConnectionException(
          "--spawn needs the server jar, not found at "
              + jar.toAbsolutePath()
              + "; build it with ./mvnw -pl server -am package -DskipTests, or pass -D"
              + SERVER_JAR_PROPERTY
              + "=PATH");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path dir;
    try {
      dir = Files.createTempDirectory("oncepay-race-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Run from a copy: a rebuild of the shared jar while the children run would break their
    // lazy class loading (NoClassDefFoundError mid-run, then a hung server).
    Path runJar = dir.resolve("oncepay.jar");
    try {
      Files.copy(jar, runJar);
    } catch (IOException e) {
      throw new LabConnectionException("cannot copy " + jar + " to " + runJar + ": " + e, e);
    }
    jar = runJar;
    int simPort = freePort();
    int serverPort = freePort();
    while (serverPort == simPort) {
      serverPort = freePort();
    }
    String apiKey = "sk_lab_" + randomHex(16);
    String webhookSecret = "whsec_lab_" + randomHex(16);
    URI simUrl = URI.create("http://127.0.0.1:" + simPort);
    URI serverUrl = URI.create("http://127.0.0.1:" + serverPort);
    SpawnedStack stack = new SpawnedStack(dir, serverUrl, simUrl, apiKey, webhookSecret);
    Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      log.println("spawning gateway simulator on " + simUrl + " and server on " + serverUrl);
      log.println("  (logs in " + dir + ")");
      Process sim =
          stack.launch(
              new ProcessBuilder(
                  java.toString(),
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "gateway-sim",
                  "--port",
                  Integer.toString(simPort),
                  "--webhook-url",
                  serverUrl + "/v1/webhooks/sim",
                  "--webhook-secret",
                  webhookSecret),
              "simulator.log");
      awaitHttp200(
          http,
          URI.create(simUrl + "/sim/knobs"),
          sim,
          dir.resolve("simulator.log"),
          SIMULATOR_START,
          null,
          "gateway simulator");
      ProcessBuilder server =
          new ProcessBuilder(
              java.toString(),
              "-jar",
              jar.toAbsolutePath().toString(),
              "serve",
              "--oncepay.gateway.webhook-secrets=" + webhookSecret);
      Map<String, String> childEnv = server.environment();
      childEnv.keySet().removeIf(k -> k.startsWith("ONCEPAY_"));
      for (String name : PASS_THROUGH) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
          childEnv.put(name, value);
        }
      }
      childEnv.put("ONCEPAY_PORT", Integer.toString(serverPort));
      childEnv.put("ONCEPAY_GATEWAY_URL", simUrl.toString());
      childEnv.put("ONCEPAY_BOOTSTRAP_API_KEY", apiKey);
      childEnv.put("ONCEPAY_HOME", dir.resolve(".oncepay").toString());
      Process serverProcess = stack.launch(server, "server.log");
      awaitHttp200(
          http,
          URI.create(serverUrl + "/actuator/health"),
          serverProcess,
          dir.resolve("server.log"),
          SERVER_START,
          READY_LINE,
          "server");
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    } finally {
      http.close();
    }
  }

  private Process launch(ProcessBuilder builder, String logName) {
    builder
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(logName).toFile());
    try {
      Process p = builder.start();
      synchronized (processes) {
        processes.add(p);
      }
      return p;
    } catch (IOException e) {
      throw new LabConnectionException("cannot start " + builder.command() + ": " + e, e);
    }
  }

  /** Polls until {@code url} answers 200 and, if given, the log shows {@code readyLine}. */
  private static void awaitHttp200(
      HttpClient http,
      URI url,
      Process process,
      Path logFile,
      Duration limit,
      String readyLine,
      String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new LabConnectionException(
            "the spawned "
                + what
                + " exited with status "
                + process.exitValue()
                + " before it was ready; end of its log ("
                + logFile
                + "):\n"
                + tail(logFile, 30));
      }
      if (readyLine == null || tail(logFile, 200).contains(readyLine)) {
        try {
          HttpResponse<Void> r =
              http.send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LabConnectionException("interrupted while waiting for the " + what, e);
        }
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    throw new LabConnectionException(
        "the spawned "
            + what
            + " was not ready within "
            + limit.toSeconds()
            + " s; end of its log ("
            + logFile
            + "):\n"
            + tail(logFile, 30));
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops both and deletes the directory. */
  @Override
  public void close() {
    close(false);
  }

  /**
   * Stops the server first (it may still call the simulator), then the simulator; deletes the
   * directory (logs, embedded database) unless asked to keep it or a process had to be killed.
   *
   * @return whether the directory was kept
   */
  boolean close(boolean keep) {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running or ran
    }
    if (keep || forced) {
      try {
        Files.deleteIfExists(dir.resolve("oncepay.jar"));
      } catch (IOException e) {
        // only a copy
      }
      return true;
    }
    deleteQuietly(dir);
    return false;
  }

  private void stopAll() {
    List<Process> started;
    synchronized (processes) {
      started = new ArrayList<>(processes).reversed();
      processes.clear();
    }
    for (Process p : started) {
      stop(p);
    }
  }

  private void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        forced = true;
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      forced = true;
      p.destroyForcibly();
    }
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a temp directory
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LabConnectionException("no free local port: " + e, e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
