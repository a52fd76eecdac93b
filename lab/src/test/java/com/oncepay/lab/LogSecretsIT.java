package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.load.MerchantEndpoint;
import com.oncepay.lab.spawn.SingleStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own log after a race-lab run against it (the real app jar, spawned as for {@code
 * --spawn}, default settings and text format): no line holds the API key the lab used, the
 * merchant's webhook signing secret, the gateway's webhook secret, or a card-like number; and the
 * lines of the lab's requests carry request ids and the merchant's id.
 */
class LogSecretsIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern REQUEST_ID =
      Pattern.compile("request_id=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern MERCHANT_ID = Pattern.compile("merchant_id=[0-9a-f-]{36}");

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  @Timeout(300)
  void aRaceLabRunLeavesNoKeySecretOrCardNumberInTheServiceLog() throws Exception {
    SingleStack stack =
        SingleStack.start(
            Map.of("ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS", SingleStack.LAB_RECEIVER_NETWORK),
            new PrintStream(OutputStream.nullOutputStream()));
    Path logs;
    String merchantSecret;
    try {
      // An endpoint exists before the run: the lab's PUT keeps its secret, so every delivery of
      // the run is signed with it, and the lab puts the URL back after.
      merchantSecret =
          call(stack, "PUT", "/v1/webhook_endpoint", "{\"url\":\"http://127.0.0.1:9/unused\"}")
              .get("secret")
              .asString();
      for (String scenario : List.of("double-click", "webhook-race")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit =
            RaceLab.run(
                new String[] {
                  "race",
                  "--target",
                  stack.serverUrl().toString(),
                  "--api-key",
                  stack.apiKey(),
                  "--gateway-ledger",
                  stack.simulatorUrl().toString(),
                  "--check-events",
                  "--scenario",
                  scenario,
                  "--duration",
                  "3",
                  "--seed",
                  "11",
                  "--quiet",
                  "--report-json",
                  dir.resolve(scenario + ".json").toString()
                },
                print,
                print,
                // oncepay shows a kept secret only when it creates the endpoint: the shop has it.
                Map.of(MerchantEndpoint.SECRET_VARIABLE, merchantSecret));
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
      }
      // Both runs verified every delivery with merchantSecret (exit 0 with events checked), so
      // the lab's PUTs kept it; the endpoint is back at the merchant's URL. (oncepay no longer
      // shows a secret it did not just create.)
      assertThat(call(stack, "GET", "/v1/webhook_endpoint", null).get("url").asString())
          .isEqualTo("http://127.0.0.1:9/unused");
    } finally {
      // Stopped first, so the log is complete: shutdown lines included.
      stack.close(true);
      logs = stack.dir();
    }
    try {
      List<String> lines = Files.readAllLines(logs.resolve("server.log"), StandardCharsets.UTF_8);
      List<String> secrets = List.of(stack.apiKey(), merchantSecret, stack.gatewayWebhookSecret());
      for (String secret : secrets) {
        assertThat(secret).hasSizeGreaterThan(16);
      }
      List<String> leaks = new ArrayList<>();
      for (String line : lines) {
        if (secrets.stream().anyMatch(line::contains) || !CardNumbers.in(line).isEmpty()) {
          leaks.add(line);
        }
      }
      assertThat(leaks).as("lines with a key, a secret or a card-like number").isEmpty();

      // The lab sent thousands of requests; each has its line, with its id and its merchant's.
      List<String> requestLines =
          lines.stream()
              .filter(line -> line.contains(" oncepay.access ") && line.contains(" /v1/orders"))
              .toList();
      assertThat(requestLines).hasSizeGreaterThan(100);
      assertThat(requestLines).allMatch(line -> REQUEST_ID.matcher(line).find());
      assertThat(requestLines).allMatch(line -> MERCHANT_ID.matcher(line).find());
      // The gateway's webhooks came in and were accepted: its secret was really in use.
      List<String> webhooks =
          lines.stream()
              .filter(line -> line.contains(" oncepay.access ") && line.contains("/v1/webhooks/"))
              .toList();
      assertThat(webhooks).isNotEmpty().allMatch(line -> line.contains("/v1/webhooks/sim 200 "));
    } finally {
      deleteQuietly(logs);
    }
  }

  private JsonNode call(SingleStack stack, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.serverUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + stack.apiKey());
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static void deleteQuietly(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
