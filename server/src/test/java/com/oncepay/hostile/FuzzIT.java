package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.RawHttp;
import com.oncepay.testsupport.RawHttp.Answer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fuzz harness: seeded hostile requests ({@link HostileRequests}) across every endpoint, sent
 * raw by several clients at once. Every answer must be below 500, every error must be oncepay's
 * error object, and no table may change. 10,000 requests with seed 1 in the build; longer with
 * {@code -Doncepay.fuzz.requests=100000 -Doncepay.fuzz.seeds=1,2,3} (docs/security.md).
 */
// Wrong keys are a fault the harness sends thousands of times from one address: the brake on
// failed authentications (FailedAuthenticationIT) would turn the rest of the run into 429s.
@org.springframework.test.context.TestPropertySource(
    properties = "oncepay.auth.failure-limit=10000000")
class FuzzIT extends ApiTestBase {

  private static final Pattern ERROR_SHAPE =
      Pattern.compile(
          "^\\{\"error\":\\{\"type\":\"[a-z_]+\",\"code\":\"[a-z_]+\",\"message\":\".*");
  private static final List<String> TABLES =
      List.of(
          "merchants",
          "orders",
          "payments",
          "payment_operations",
          "idempotency_keys",
          "domain_events",
          "webhook_endpoints",
          "gateway_events");

  @Test
  void hostileRequestsNeverGetA5xxNorAnUndocumentedAnswerNorChangeAnything() throws Exception {
    int requests = Integer.getInteger("oncepay.fuzz.requests", 10_000);
    List<Long> seeds =
        java.util.Arrays.stream(System.getProperty("oncepay.fuzz.seeds", "1").split(","))
            .map(String::strip)
            .map(Long::parseLong)
            .toList();
    String payment = api().capturedPayment("cart-" + UUID.randomUUID(), 5000);
    String order = api().createOrder("cart-" + UUID.randomUUID(), 2500);
    Map<String, String> before = snapshot();
    int ledgerBefore = sim().ledger().size();

    List<String> findings = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
    long started = System.nanoTime();
    for (long seed : seeds) {
      try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
        List<Future<?>> done = new ArrayList<>();
        int perClient = requests / 8;
        for (int c = 0; c < 8; c++) {
          HostileRequests gen =
              new HostileRequests(new Random(seed * 1_000 + c), API_KEY, order, payment);
          done.add(
              clients.submit(
                  () -> {
                    for (int i = 0; i < perClient; i++) {
                      check(gen.next(), findings, byStatus);
                    }
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "fuzz: %d requests x seeds %s in %d ms; answers by status %s%n",
        requests, seeds, tookMs, new java.util.TreeMap<>(byStatus));
    assertThat(findings).as("hostile requests answered wrongly (first 20)").hasSizeLessThan(1);
    assertThat(snapshot()).as("tables after the fuzz run").isEqualTo(before);
    assertThat(sim().ledger()).as("gateway charges after the fuzz run").hasSize(ledgerBefore);
  }

  private void check(
      HostileRequests.Request request, List<String> findings, Map<String, AtomicLong> byStatus) {
    Answer answer;
    try {
      answer = RawHttp.send(port, head(request), request.body());
    } catch (RuntimeException e) {
      // The server closed on us (a body too large, a broken request line): not an answer.
      byStatus.computeIfAbsent("closed", k -> new AtomicLong()).incrementAndGet();
      return;
    }
    byStatus
        .computeIfAbsent(Integer.toString(answer.status()), k -> new AtomicLong())
        .incrementAndGet();
    String problem = problem(request, answer);
    if (problem != null && findings.size() < 20) {
      findings.add(
          problem + " <- " + request + " -> " + answer.status() + " " + abbreviate(answer.text()));
    }
  }

  private static String problem(HostileRequests.Request request, Answer answer) {
    if (answer.status() == -1) {
      return "no HTTP answer";
    }
    if (answer.status() >= 500) {
      return "5xx";
    }
    if (answer.status() < 400) {
      return request.isRead() ? null : "accepted";
    }
    if (request.method().equals("HEAD")) {
      return null; // no body by definition
    }
    if (!ERROR_SHAPE.matcher(answer.text()).find()) {
      return "not the error object";
    }
    try {
      JsonNode error = JsonMapper.shared().readTree(answer.body()).get("error");
      return error.get("code").isString() && error.get("message").isString()
          ? null
          : "error object without code or message";
    } catch (RuntimeException e) {
      return "error body is not JSON";
    }
  }

  private static String head(HostileRequests.Request request) {
    return RawHttp.head(
        request.method(), request.target(), request.headers().toArray(String[]::new));
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /** Every row of every table a request could change, hashed in one query per table. */
  private Map<String, String> snapshot() {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String table : TABLES) {
      hashes.put(
          table,
          jdbc.sql(
                  "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                      + " FROM "
                      + table
                      + " t")
              .query(String.class)
              .single());
    }
    return hashes;
  }
}
