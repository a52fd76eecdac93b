package com.oncepay.lab.load;

import com.oncepay.client.ApiResult;
import com.oncepay.client.OncepayClient;
import com.oncepay.client.OncepayConnectionException;
import com.oncepay.lab.check.ApiJson;
import java.net.URI;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's webhook endpoint, pointed at the lab's receiver for the run and put back after it.
 * There is one endpoint per merchant, so while the lab holds it the merchant's own endpoint gets
 * nothing; the secret stays the merchant's (a PUT keeps it), so nothing else needs changing after.
 *
 * <p>oncepay shows the secret only in the answer that creates or rotates it, so when the merchant
 * already has an endpoint the lab needs its secret from the caller ({@code ONCEPAY_WEBHOOK_SECRET})
 * — rotating it would change what the merchant's own receiver must verify with.
 */
public final class MerchantEndpoint {

  static final String PATH = "/v1/webhook_endpoint";

  private final OncepayClient inspector;
  private final String previousUrl;
  private final String secret;

  private MerchantEndpoint(OncepayClient inspector, String previousUrl, String secret) {
    this.inspector = inspector;
    this.previousUrl = previousUrl;
    this.secret = secret;
  }

  /** The environment variable with the merchant's secret, for an endpoint that already exists. */
  public static final String SECRET_VARIABLE = "ONCEPAY_WEBHOOK_SECRET";

  /**
   * Remembers the current endpoint (if any), then sets {@code receiver} in its place.
   *
   * @param knownSecret the merchant's signing secret, or null; needed when an endpoint exists
   */
  public static MerchantEndpoint replace(
      OncepayClient inspector, URI receiver, String knownSecret) {
    ApiResult current = call(inspector, "GET", null);
    String previous;
    if (current.status() == 200) {
      previous = ApiJson.text(ApiJson.parse(current.body()), "url");
    } else if (current.status() == 404) {
      previous = null;
    } else {
      throw unchecked(refused("GET", current));
    }
    ApiResult set = call(inspector, "PUT", urlBody(receiver.toString()));
    if (set.status() != 200) {
      throw unchecked(refused("PUT", set));
    }
    String shown = ApiJson.text(ApiJson.parse(set.body()), "secret");
    String secret = shown != null ? shown : knownSecret;
    MerchantEndpoint endpoint = new MerchantEndpoint(inspector, previous, secret);
    if (secret == null || secret.isBlank()) {
      endpoint.restore();
      throw new LabConnectionException(
          "the merchant already has a webhook endpoint, whose secret oncepay shows only when it"
              + " creates or rotates it; set "
              + SECRET_VARIABLE
              + " to the merchant's secret (whsec_…), or pass --no-check-events");
    }
    return endpoint;
  }

  public String secret() {
    return secret;
  }

  /** The merchant's endpoint before the run, or null when there was none. */
  public String previousUrl() {
    return previousUrl;
  }

  /** Puts the previous endpoint back, or deletes the lab's when there was none. */
  public void restore() {
    ApiResult answer =
        previousUrl == null
            ? call(inspector, "DELETE", null)
            : call(inspector, "PUT", urlBody(previousUrl));
    boolean gone = previousUrl == null && answer.status() == 404;
    if (answer.status() != 200 && !gone) {
      throw refused(previousUrl == null ? "DELETE" : "PUT", answer);
    }
  }

  private static byte[] urlBody(String url) {
    return ApiJson.MAPPER.writeValueAsBytes(ApiJson.MAPPER.createObjectNode().put("url", url));
  }

  private static ApiResult call(OncepayClient inspector, String method, byte[] body) {
    try {
      return inspector.send(method, PATH, null, body);
    } catch (OncepayConnectionException e) {
      throw new LabConnectionException(
          "cannot reach the service for " + method + " " + PATH + ": " + e.getMessage(), e);
    }
  }

  private static LabConnectionException refused(String method, ApiResult answer) {
    JsonNode body = ApiJson.parse(answer.body());
    String code = ApiJson.errorCode(body);
    return new LabConnectionException(
        "the service answered "
            + answer.status()
            + (code == null ? "" : " " + code)
            + " to "
            + method
            + " "
            + PATH);
  }

  private static LabConnectionException unchecked(LabConnectionException e) {
    return new LabConnectionException(
        e.getMessage() + ", so merchant events cannot be checked (--no-check-events skips them)");
  }
}
