package com.oncepay.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What makes two requests "the same" for an idempotency key: method, path and the body's JSON
 * meaning. Key order and white space do not count, so a client library that re-serialises its retry
 * is not told it reused the key for another request.
 */
public final class RequestFingerprint {

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  /** Strict like the API's parser: a body it would reject is fingerprinted as raw bytes. */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private RequestFingerprint() {}

  public static byte[] of(String method, String path, byte[] body) {
    MessageDigest digest = sha256();
    digest.update(method.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(path.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(canonicalBody(body));
    return digest.digest();
  }

  static byte[] canonicalBody(byte[] body) {
    // No body and an empty object mean the same to every endpoint whose fields are optional.
    if (body == null || body.length == 0) {
      body = EMPTY_OBJECT;
    }
    try {
      JsonNode tree = JSON.readTree(body);
      return tree == null || tree.isMissingNode()
          ? EMPTY_OBJECT
          : JSON.writeValueAsBytes(sorted(tree));
    } catch (tools.jackson.core.JacksonException e) {
      // Not JSON: the request will be rejected anyway; fingerprint the raw bytes.
      return body;
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JSON.createObjectNode();
      List<String> names = new ArrayList<>(node.propertyNames());
      names.sort(null);
      for (String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      var out = JSON.createArrayNode();
      node.forEach(element -> out.add(sorted(element)));
      return out;
    }
    return node;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
