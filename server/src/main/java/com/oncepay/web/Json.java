package com.oncepay.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON dialect of the API: snake_case, strict on input (duplicate keys, trailing tokens and
 * floats where integers belong are errors), deterministic on output so stored responses replay byte
 * for byte.
 */
public final class Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Parses a request body; any syntax problem is the client's, answered with invalid_json. */
  public static JsonNode readTree(byte[] body) {
    if (body == null || body.length == 0) {
      throw new OncepayException(ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new OncepayException(
            ErrorCode.INVALID_JSON, "The request body must be a JSON object.");
      }
      return node;
    } catch (tools.jackson.core.JacksonException e) {
      throw new OncepayException(
          ErrorCode.INVALID_JSON, "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
