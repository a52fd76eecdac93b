package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * HAProxy in front of the instances: {@code deploy/haproxy/haproxy.cfg} unchanged, plus a backend
 * file in the run's directory with one {@code server} line per instance, bound where {@code
 * ONCEPAY_LB_BIND} says.
 */
public final class SpawnedHaproxy {

  private static final Duration START = Duration.ofSeconds(20);

  /** {@code global maxconn} in deploy/haproxy/haproxy.cfg. */
  static final int CONFIGURED_MAXCONN = 10_000;

  private final ChildProcess process;
  private final int port;
  private final OptionalInt lowered;

  private SpawnedHaproxy(ChildProcess process, int port, OptionalInt lowered) {
    this.process = process;
    this.port = port;
    this.lowered = lowered;
  }

  /**
   * @param config {@code deploy/haproxy/haproxy.cfg}
   * @param instancePorts one server line each, named i1, i2, …
   */
  public static SpawnedHaproxy start(Path dir, int port, Path config, List<Integer> instancePorts) {
    Path binary = Binaries.haproxy();
    if (!Files.isRegularFile(config)) {
      throw new LabConnectionException("the HAProxy configuration is missing: " + config);
    }
    Path backend = dir.resolve("haproxy-backend.cfg");
    try {
      Files.writeString(backend, backend(instancePorts), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabConnectionException("cannot write " + backend + ": " + e, e);
    }
    List<String> args = new ArrayList<>(List.of(binary.toString(), "-db"));
    OptionalInt lowered = maxconnFor(openFilesHardLimit());
    if (lowered.isPresent()) {
      args.addAll(List.of("-n", Integer.toString(lowered.getAsInt())));
    }
    args.addAll(List.of("-f", config.toAbsolutePath().toString(), "-f", backend.toString()));
    ProcessBuilder command = new ProcessBuilder(args);
    command.environment().put("ONCEPAY_LB_BIND", "127.0.0.1:" + port);
    ChildProcess p = ChildProcess.start("HAProxy", command, dir, dir.resolve("haproxy.log"));
    Readiness.await(p, START, "HAProxy on port " + port, () -> Ports.listening(port));
    return new SpawnedHaproxy(p, port, lowered);
  }

  /**
   * haproxy.cfg's {@code maxconn 10000} needs about 2 × 10,000 + 20 file descriptors, and HAProxy
   * refuses to start where the hard limit is lower (20,000 on this project's CI machines) and
   * cannot be raised. Then {@code -n} lowers the connection limit to what fits — the one deviation
   * from the deploy file, said in the report's notes.
   */
  static OptionalInt maxconnFor(long openFilesHardLimit) {
    long needed = 2L * CONFIGURED_MAXCONN + 100;
    if (openFilesHardLimit <= 0 || openFilesHardLimit >= needed) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) Math.max(100, (openFilesHardLimit - 100) / 2));
  }

  /** The hard limit on open files from /proc/self/limits, or -1 when unknown or unlimited. */
  static long openFilesHardLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
          return parts[1].equals("unlimited") ? -1 : Long.parseLong(parts[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unknown: start with the file's own limit
    }
    return -1;
  }

  /** The connection limit HAProxy runs with when {@code -n} lowered it, else empty. */
  public OptionalInt loweredMaxconn() {
    return lowered;
  }

  /** The second configuration file: the backend with its servers, as deploy/haproxy says. */
  static String backend(List<Integer> instancePorts) {
    List<String> lines = new ArrayList<>();
    lines.add("# Written by the race lab for this run: the instances behind the balancer.");
    lines.add("backend oncepay");
    for (int i = 0; i < instancePorts.size(); i++) {
      lines.add("  server i" + (i + 1) + " 127.0.0.1:" + instancePorts.get(i));
    }
    lines.add("");
    return String.join("\n", lines);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public void stop() {
    process.stop(Duration.ofSeconds(10));
  }
}
