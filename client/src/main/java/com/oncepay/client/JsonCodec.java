package com.oncepay.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's JSON dialect: snake_case both ways; lenient on input (unknown fields are ignored and
 * missing numbers read as 0) so a newer server never breaks an older client; null fields left out
 * of requests, because the server treats an absent optional field as its default.
 */
final class JsonCodec {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private JsonCodec() {}

  static byte[] write(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Reads a success body; throws {@link JacksonException} when it is not the expected shape. */
  static <T> T read(byte[] body, Class<T> type) {
    return MAPPER.readValue(body, type);
  }

  static Optional<ApiError> readError(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode error = MAPPER.readTree(body).get("error");
      if (error == null || !error.isObject()) {
        return Optional.empty();
      }
      return Optional.of(MAPPER.treeToValue(error, ApiError.class));
    } catch (JacksonException e) {
      // A proxy's HTML error page, say: there is no API error to show.
      return Optional.empty();
    }
  }
}
