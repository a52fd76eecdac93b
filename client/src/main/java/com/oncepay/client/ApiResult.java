package com.oncepay.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last answer of a {@link OncepayClient#send raw call}: exact status, body bytes and headers.
 *
 * @param headers header names are case-insensitive
 * @param replayed whether the server replayed a stored answer ({@code Idempotent-Replayed: true})
 * @param attempts how many attempts the call made, retries included
 */
public record ApiResult(
    int status, byte[] body, Map<String, List<String>> headers, boolean replayed, int attempts) {

  public ApiResult {
    body = body == null ? new byte[0] : body.clone();
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    }
    headers = Collections.unmodifiableMap(copy);
  }

  /** A copy of the body bytes, exactly as the server sent them. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The {@code error} object of a 4xx/5xx answer, when the body carries one. */
  public Optional<ApiError> error() {
    return isSuccess() ? Optional.empty() : JsonCodec.readError(body);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiResult that
        && status == that.status
        && replayed == that.replayed
        && attempts == that.attempts
        && Arrays.equals(body, that.body)
        && headers.equals(that.headers);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + Arrays.hashCode(body)) + attempts;
  }

  @Override
  public String toString() {
    return "ApiResult[status="
        + status
        + ", replayed="
        + replayed
        + ", attempts="
        + attempts
        + ", body="
        + bodyText()
        + "]";
  }
}
