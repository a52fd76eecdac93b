package com.oncepay.sim;

import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the simulator: snake_case, declaration order, strict numbers. */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Jackson 3 sorts alphabetically by default; the wire shape follows the records instead.
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          // An amount of 10.5 is a client bug, not 10.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // A misspelt knob must be an error, not silently ignored.
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  static byte[] bytes(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body that must be a JSON object; an empty body counts as {@code {}}. */
  static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new Rejection(ApiError.invalidRequest("body is not valid JSON"));
    }
    if (!(node instanceof ObjectNode object)) {
      throw new Rejection(ApiError.invalidRequest("body must be a JSON object"));
    }
    return object;
  }

  /** A required positive integer field. */
  static long positiveLong(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      throw new Rejection(ApiError.invalidRequest(field + " is required"));
    }
    return requirePositiveLong(node, field);
  }

  /** An optional positive integer field; empty when absent or null. */
  static OptionalLong optionalPositiveLong(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull()
        ? OptionalLong.empty()
        : OptionalLong.of(requirePositiveLong(node, field));
  }

  /** A required non-blank string field. */
  static String string(ObjectNode body, String field) {
    String value = optionalString(body, field);
    if (value == null || value.isBlank()) {
      throw new Rejection(ApiError.invalidRequest(field + " is required"));
    }
    return value;
  }

  /** An optional string field; null when absent or null. */
  static String optionalString(ObjectNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new Rejection(ApiError.invalidRequest(field + " must be a string"));
    }
    return node.stringValue();
  }

  static boolean optionalBoolean(ObjectNode body, String field, boolean absent) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isBoolean()) {
      throw new Rejection(ApiError.invalidRequest(field + " must be true or false"));
    }
    return node.booleanValue();
  }

  private static long requirePositiveLong(JsonNode node, String field) {
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
      throw new Rejection(
          ApiError.invalidRequest(field + " must be a positive integer in minor units"));
    }
    return node.longValue();
  }
}
