package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.money.Currencies;
import com.oncepay.money.Money;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON request body read field by field, so every rejection names the parameter at fault.
 * Unknown fields are rejected: a typo such as {@code "ammount"} must not silently charge a default.
 */
public final class RequestBody {

  private final JsonNode node;

  private RequestBody(JsonNode node) {
    this.node = node;
  }

  public static RequestBody parse(byte[] body, Set<String> allowedFields) {
    RequestBody parsed = new RequestBody(Json.readTree(body));
    parsed.rejectUnknown(allowedFields);
    return parsed;
  }

  /**
   * An absent or empty body is an empty object, for calls whose fields are all optional. Only a
   * truly empty one: a body of white space or control characters is not JSON, and must not run a
   * refund with its defaults.
   */
  public static RequestBody parseOptional(byte[] body, Set<String> allowedFields) {
    if (body == null || body.length == 0) {
      return new RequestBody(Json.mapper().createObjectNode());
    }
    return parse(body, allowedFields);
  }

  private void rejectUnknown(Set<String> allowed) {
    Set<String> unknown = new HashSet<>();
    for (var entry : node.properties()) {
      if (!allowed.contains(entry.getKey())) {
        unknown.add(entry.getKey());
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.stream().sorted().findFirst().orElseThrow();
      throw new OncepayException(
          ErrorCode.PARAMETER_UNKNOWN, "Received unknown parameter: " + first, first);
    }
  }

  private JsonNode present(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  public String requiredString(String field, int maxLength) {
    String value = optionalString(field, maxLength);
    if (value == null) {
      throw new OncepayException(
          ErrorCode.PARAMETER_MISSING, "Missing required param: " + field, field);
    }
    return value;
  }

  public String optionalString(String field, int maxLength) {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isString() || value.stringValue().isBlank()) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID, field + " must be a non-empty string.", field);
    }
    String text = value.stringValue();
    if (!storable(text)) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          field + " must not contain NUL characters or unpaired surrogates.",
          field);
    }
    if (text.length() > maxLength) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          field + " must be at most " + maxLength + " characters.",
          field);
    }
    return text;
  }

  public boolean optionalBoolean(String field, boolean defaultValue) {
    JsonNode value = present(field);
    if (value == null) {
      return defaultValue;
    }
    if (!value.isBoolean()) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID, field + " must be true or false.", field);
    }
    return value.booleanValue();
  }

  public String optionalEnum(String field, Set<String> allowed, String defaultValue) {
    String value = optionalString(field, 64);
    if (value == null) {
      return defaultValue;
    }
    if (!allowed.contains(value)) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          field + " must be one of " + allowed.stream().sorted().toList() + ".",
          field);
    }
    return value;
  }

  /** A JSON integer from {@code min} to {@code max}, or null when absent. */
  public Long optionalInteger(String field, long min, long max) {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() < min
        || value.longValue() > max) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          field + " must be an integer from " + min + " to " + max + ".",
          field);
    }
    return value.longValue();
  }

  /** An amount in minor units: a JSON integer from 1 to {@link Money#MAX_MINOR}. */
  public Long optionalAmount(String field) {
    JsonNode raw = node.get(field);
    if (raw != null && raw.isNull()) {
      // Leaving the amount out means "all of it"; a null is not taken to mean the same, or a
      // client's unset variable would refund or capture everything.
      throw new OncepayException(
          ErrorCode.AMOUNT_INVALID,
          field + " is null; send an integer in minor units, or leave it out for the whole amount.",
          field);
    }
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new OncepayException(
          ErrorCode.AMOUNT_INVALID, field + " must be an integer in minor units.", field);
    }
    long amount = value.longValue();
    if (amount <= 0 || amount > Money.MAX_MINOR) {
      throw new OncepayException(
          ErrorCode.AMOUNT_INVALID,
          field + " must be between 1 and " + Money.MAX_MINOR + " minor units.",
          field);
    }
    return amount;
  }

  public long requiredAmount(String field) {
    Long amount = present(field) == null ? null : optionalAmount(field);
    if (amount == null) {
      throw new OncepayException(
          ErrorCode.PARAMETER_MISSING, "Missing required param: " + field, field);
    }
    return amount;
  }

  public String requiredCurrency(String field) {
    String code = requiredString(field, 3);
    if (!Currencies.isAccepted(code)) {
      throw new OncepayException(
          ErrorCode.CURRENCY_INVALID,
          field + " must be an upper-case ISO-4217 currency code, such as EUR.",
          field);
    }
    return code;
  }

  /**
   * Whether PostgreSQL can store the text as it is: no NUL (text columns refuse it) and no unpaired
   * surrogate (it cannot be encoded in UTF-8, so two different inputs would both become "?").
   */
  static boolean storable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** A flat JSON object of string values, capped in size: metadata is for the merchant's notes. */
  public JsonNode optionalMetadata(String field) {
    JsonNode value = present(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject() || value.size() > 50) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID, field + " must be an object of at most 50 keys.", field);
    }
    for (var entry : value.properties()) {
      if (!storable(entry.getKey())
          || (entry.getValue().isString() && !storable(entry.getValue().stringValue()))) {
        throw new OncepayException(
            ErrorCode.PARAMETER_INVALID,
            field + " must not contain NUL characters or unpaired surrogates.",
            field);
      }
      if (entry.getKey().length() > 40
          || !entry.getValue().isString()
          || entry.getValue().stringValue().length() > 500) {
        throw new OncepayException(
            ErrorCode.PARAMETER_INVALID,
            field + " keys must be at most 40 characters and values strings of at most 500.",
            field);
      }
    }
    return value;
  }
}
