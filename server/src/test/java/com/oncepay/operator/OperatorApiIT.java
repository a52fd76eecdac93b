package com.oncepay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.ApiTestBase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

/** The operator API on the real server: its credential, the key lifecycle, the audit log. */
class OperatorApiIT extends ApiTestBase {

  @Test
  void aKeyIsShownOnceWorksForItsMerchantAndIsListedByPrefixOnly() {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("shop");
    var issued = calls.issue(merchant);
    assertThat(issued.key()).startsWith("sk_test_").hasSizeGreaterThan(40);
    assertThat(issued.json().path("status").asString()).isEqualTo("active");
    assertThat(api().withKey(issued.key()).get("/v1/events").status()).isEqualTo(200);

    var listed = operator().get("/operator/v1/merchants/" + merchant + "/api_keys");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.text()).doesNotContain(issued.key());
    JsonNode first = listed.json().path("data").get(0);
    assertThat(first.path("id").asString()).isEqualTo(issued.id());
    assertThat(issued.key()).startsWith(first.path("prefix").asString());
    assertThat(first.has("key")).isFalse();
    // Nowhere in the database either: only its hash.
    assertThat(
            jdbc.sql("SELECT count(*) FROM api_keys WHERE prefix = :p OR key_hash::text LIKE :k")
                .param("p", issued.key())
                .param("k", "%" + issued.key() + "%")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void rotationKeepsTheOldKeyForTheOverlapAndRevocationEndsAKeyAtOnce() {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("rotating");
    var issued = calls.issue(merchant);
    JsonNode rotation = calls.rotate(merchant, issued.id(), 3600);
    String replacement = rotation.path("api_key").path("key").asString();
    assertThat(rotation.path("replaced").path("replaced_by").asString())
        .isEqualTo(rotation.path("api_key").path("id").asString());
    assertThat(rotation.path("replaced").path("expires_at").isNull()).isFalse();
    assertThat(api().withKey(issued.key()).get("/v1/events").status()).isEqualTo(200);
    assertThat(api().withKey(replacement).get("/v1/events").status()).isEqualTo(200);

    // Rotated once only.
    var again =
        operator()
            .post(
                "/operator/v1/merchants/" + merchant + "/api_keys/" + issued.id() + "/rotate",
                null,
                null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").path("code").asString()).isEqualTo("invalid_state");

    calls.revoke(merchant, issued.id());
    assertThat(api().withKey(issued.key()).get("/v1/events").status()).isEqualTo(401);
    assertThat(api().withKey(replacement).get("/v1/events").status()).isEqualTo(200);
    // Revoking again changes nothing and is not an error.
    assertThat(calls.revoke(merchant, issued.id()).path("status").asString()).isEqualTo("revoked");
  }

  @Test
  void anOverlapBeyondTheBoundIsRefused() {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("bounded");
    var issued = calls.issue(merchant);
    var r =
        operator()
            .post(
                "/operator/v1/merchants/" + merchant + "/api_keys/" + issued.id() + "/rotate",
                null,
                "{\"overlap_seconds\": 99999999}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").path("param").asString()).isEqualTo("overlap_seconds");
  }

  /** Many rotations of one key at once: exactly one issues a replacement, the rest get 409. */
  @Test
  void concurrentRotationsOfOneKeyIssueOneReplacement() throws Exception {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("racing");
    var issued = calls.issue(merchant);
    int n = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        Callable<Integer> rotate =
            () -> {
              start.await();
              return operator()
                  .post(
                      "/operator/v1/merchants/" + merchant + "/api_keys/" + issued.id() + "/rotate",
                      null,
                      null)
                  .status();
            };
        answers.add(pool.submit(rotate));
      }
      start.countDown();
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : answers) {
      statuses.add(f.get());
    }
    assertThat(statuses).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    var keys = operator().get("/operator/v1/merchants/" + merchant + "/api_keys").json();
    assertThat(keys.path("data")).hasSize(2);
  }

  @Test
  void theOperatorApiTakesTheOperatorCredentialOnly() {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("credentials");
    String path = "/operator/v1/merchants/" + merchant + "/api_keys";
    assertThat(api().withKey(null).get(path).status()).isEqualTo(401);
    assertThat(api().get(path).status()).as("a merchant key").isEqualTo(401);
    assertThat(api().withKey(OPERATOR_TOKEN + "x").get(path).status()).isEqualTo(401);
    // Spellings of the same path that the router decodes are guarded the same way.
    for (String spelling :
        List.of(
            "/%6Fperator/v1/merchants/" + merchant + "/api_keys",
            "/operator/v1;x=1/merchants/" + merchant + "/api_keys",
            "/operator/./v1/merchants/" + merchant + "/api_keys")) {
      int status = api().get(spelling).status();
      assertThat(status).as(spelling).isIn(400, 401, 404);
    }
    assertThat(operator().get(path).status()).isEqualTo(200);
  }

  @Test
  void theActuatorShowsHealthToAnyoneAndMetricsToTheOperatorOnly() {
    Api anyone = api().withKey(null);
    assertThat(anyone.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anyone.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anyone.get("/actuator/health").status()).isEqualTo(200);
    for (String path :
        List.of(
            "/actuator/prometheus",
            "/actuator/metrics",
            "/actuator",
            "/actuator/%70rometheus",
            "/actuator/prometheus;x=1")) {
      assertThat(anyone.get(path).status()).as(path).isEqualTo(401);
      assertThat(api().get(path).status()).as(path + " with a merchant key").isEqualTo(401);
    }
    assertThat(operator().get("/actuator/prometheus").status()).isEqualTo(200);
    assertThat(operator().get("/actuator/metrics").status()).isEqualTo(200);
  }

  @Test
  void everyChangeIsAuditedWithWhoWhatWhenAndTheRequestId() {
    var calls = new OperatorCalls(operator());
    String merchant = calls.createMerchant("audited");
    var issued = calls.issue(merchant);
    calls.rotate(merchant, issued.id(), 60);
    calls.revoke(merchant, issued.id());
    // A merchant's own change, through the merchant API.
    Api shop = api().withKey(issued.key());
    var replacementKey = calls.issue(merchant).key();
    assertThat(
            api()
                .withKey(replacementKey)
                .put("/v1/webhook_endpoint", "{\"url\":\"https://shop.example/hooks\"}")
                .status())
        .isEqualTo(200);
    assertThat(api().withKey(replacementKey).delete("/v1/webhook_endpoint").status())
        .isEqualTo(200);
    // Deleting what is not there changes nothing, and records nothing.
    assertThat(api().withKey(replacementKey).delete("/v1/webhook_endpoint").status())
        .isEqualTo(404);
    assertThat(shop.get("/v1/events").status()).isEqualTo(401);

    var log = operator().get("/operator/v1/audit_log?merchant_id=" + merchant);
    assertThat(log.status()).isEqualTo(200);
    List<String> actions = new ArrayList<>();
    log.json().path("data").forEach(e -> actions.add(e.path("action").asString()));
    assertThat(actions)
        .containsExactly(
            "merchant.created",
            "api_key.issued",
            "api_key.issued",
            "api_key.rotated",
            "api_key.revoked",
            "api_key.issued",
            "webhook_endpoint.set",
            "webhook_endpoint.deleted");
    JsonNode last = log.json().path("data").get(actions.size() - 1);
    assertThat(last.path("actor").asString()).isEqualTo("merchant:" + merchant);
    assertThat(last.path("request_id").asString()).isNotBlank();
    JsonNode first = log.json().path("data").get(0);
    assertThat(first.path("actor").asString()).isEqualTo("operator");
    assertThat(first.path("occurred_at").asString()).isNotBlank();
    assertThat(log.text()).doesNotContain(issued.key()).doesNotContain(replacementKey);
  }

  @Test
  void theAuditLogRefusesUpdateDeleteAndTruncate() {
    new OperatorCalls(operator()).createMerchant("append-only");
    for (String sql :
        List.of(
            "UPDATE audit_log SET actor = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log")) {
      try {
        jdbc.sql(sql).update();
        throw new AssertionError(sql + " was allowed");
      } catch (DataAccessException e) {
        assertThat(e.getMostSpecificCause().getMessage()).contains("append-only");
      }
    }
  }

  @Test
  void unknownIdsAnswer404WithTheErrorObject() {
    var r = operator().get("/operator/v1/merchants/mer_nonsense/api_keys");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("error").path("code").asString()).isEqualTo("not_found");
    var raw =
        api()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + port
                                + "/operator/v1/merchants/mer_00000000-0000-0000-0000-000000000000"))
                    .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                    .timeout(Duration.ofSeconds(10))
                    .GET()
                    .build());
    assertThat(raw.status()).isEqualTo(404);
  }
}
