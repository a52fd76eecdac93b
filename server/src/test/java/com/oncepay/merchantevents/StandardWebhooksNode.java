package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The npm {@code standardwebhooks} package, run by Node, as the independent judge of oncepay's
 * deliveries: captured requests (headers and raw body) are written to a file, {@code
 * src/test/node/verify.mjs} verifies each with {@code new Webhook(secret).verify(body, headers)}
 * and prints a verdict per case. The package is pinned by {@code package-lock.json} and installed
 * with {@code npm ci} on first use (or beforehand by {@code .ci/needs-stdwebhooks.sh}).
 */
final class StandardWebhooksNode {

  static final Path DIR = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "standardwebhooks");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One delivery to verify with one secret, as a shop's endpoint would receive it. */
  record Case(String name, String secret, Map<String, String> headers, byte[] body) {
    static Case of(String name, String secret, WebhookReceiver.Received delivery) {
      return new Case(name, secret, delivery.headers(), delivery.body());
    }

    Case withHeader(String header, String value) {
      Map<String, String> changed = new LinkedHashMap<>(headers);
      changed.put(header, value);
      return new Case(name, secret, changed, body);
    }
  }

  /** What the library said: verified (and the id of the event it parsed), or why not. */
  record Verdict(String name, boolean verified, String eventId, String error) {}

  private StandardWebhooksNode() {}

  /** Verifies every case with one run of Node; the verdicts come back in the order given. */
  static List<Verdict> verify(String run, List<Case> cases)
      throws IOException, InterruptedException {
    install();
    Files.createDirectories(WORK);
    Path input = WORK.resolve(run + ".json").toAbsolutePath();
    Path output = WORK.resolve(run + ".out").toAbsolutePath();
    Path errors = WORK.resolve(run + ".err").toAbsolutePath();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Case c : cases) {
      entries.add(
          Map.of(
              "name", c.name(),
              "secret", c.secret(),
              "headers", c.headers(),
              "body_base64", Base64.getEncoder().encodeToString(c.body())));
    }
    JSON.writeValue(input.toFile(), Map.of("cases", entries));

    int exit =
        run(
            new ProcessBuilder("node", "verify.mjs", input.toString())
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile()),
            VERIFY_TIMEOUT);
    assertThat(exit).as("node verify.mjs: %s", Files.readString(errors)).isZero();

    List<Verdict> verdicts = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      JsonNode v = JSON.readTree(line);
      verdicts.add(
          new Verdict(
              v.get("name").asString(),
              v.get("verified").asBoolean(),
              v.path("event_id").isString() ? v.get("event_id").asString() : null,
              v.path("error").isString() ? v.get("error").asString() : null));
    }
    assertThat(verdicts)
        .extracting(Verdict::name)
        .as("one verdict per case, in order")
        .containsExactlyElementsOf(cases.stream().map(Case::name).toList());
    return verdicts;
  }

  /** {@code npm ci} from the lock file, once per checkout: the exact, pinned package. */
  private static synchronized void install() throws IOException, InterruptedException {
    if (Files.exists(DIR.resolve("node_modules/standardwebhooks/package.json"))) {
      return;
    }
    Files.createDirectories(WORK);
    Path log = WORK.resolve("npm-ci.log").toAbsolutePath();
    int exit =
        run(
            new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile()),
            INSTALL_TIMEOUT);
    assertThat(exit).as("npm ci in %s: %s", DIR, Files.readString(log)).isZero();
  }

  private static int run(ProcessBuilder builder, Duration timeout)
      throws IOException, InterruptedException {
    Process process = builder.directory(DIR.toFile()).start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", builder.command()) + " ran over " + timeout);
    }
    return process.exitValue();
  }
}
