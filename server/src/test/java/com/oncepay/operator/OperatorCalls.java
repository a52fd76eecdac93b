package com.oncepay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import tools.jackson.databind.JsonNode;

/** The operator API's calls as a test makes them, each checked for its success status. */
record OperatorCalls(Api api) {

  record Issued(String id, String key, JsonNode json) {}

  String createMerchant(String name) {
    var r = api.post("/operator/v1/merchants", null, "{\"name\":\"" + name + "\"}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  Issued issue(String merchant) {
    var r = api.post("/operator/v1/merchants/" + merchant + "/api_keys", null, null);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return new Issued(r.json().path("id").asString(), r.json().path("key").asString(), r.json());
  }

  JsonNode rotate(String merchant, String key, long overlapSeconds) {
    var r =
        api.post(
            "/operator/v1/merchants/" + merchant + "/api_keys/" + key + "/rotate",
            null,
            "{\"overlap_seconds\":" + overlapSeconds + "}");
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  JsonNode revoke(String merchant, String key) {
    var r =
        api.post("/operator/v1/merchants/" + merchant + "/api_keys/" + key + "/revoke", null, null);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }
}
