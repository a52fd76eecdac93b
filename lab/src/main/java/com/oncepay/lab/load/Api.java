package com.oncepay.lab.load;

import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.check.Observations;
import com.oncepay.lab.check.Observations.CaptureAnswer;
import com.oncepay.lab.check.Observations.PayAnswer;
import com.oncepay.lab.check.Observations.PlaceAnswer;
import com.oncepay.lab.check.Observations.RawAnswer;
import com.oncepay.lab.check.Observations.RefundAnswer;
import com.oncepay.lab.check.Observations.VoidAnswer;
import com.oncepay.lab.check.PaymentSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * The service's calls made exactly once each, every answer recorded as it is: the raw answer (for
 * the replay check) and what it promised (for the money and state checks).
 */
public final class Api {

  /** An answer with its parsed body; {@code json} is null when the body is not JSON. */
  public record Answer(int status, byte[] body, boolean replayed, JsonNode json, String errorCode) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    public String id() {
      return ApiJson.text(json, "id");
    }

    public boolean is(int expected, String code) {
      return status == expected && (code == null || code.equals(errorCode));
    }
  }

  private static final int EXCERPT = 160;

  private final Driver driver;
  private final Observations obs;

  public Api(Driver driver, Observations obs) {
    this.driver = driver;
    this.obs = obs;
  }

  public Answer placeOrder(String cartId, long amount, String currency, String key) {
    obs.cart(cartId);
    String body =
        "{\"cart_id\":"
            + quote(cartId)
            + ",\"amount\":"
            + amount
            + ",\"currency\":"
            + quote(currency)
            + "}";
    Answer a = post("place_order", "/v1/orders", key, body);
    if (a.ok() && a.id() != null) {
      obs.placed(new PlaceAnswer(cartId, key, a.status(), a.id(), a.replayed()));
    }
    return a;
  }

  /**
   * @param capture {@code automatic}, {@code manual}, or null to leave it out
   */
  public Answer pay(String orderId, String method, String capture, boolean async, String key) {
    obs.order(orderId);
    String body =
        "{\"payment_method\":"
            + quote(method)
            + (capture == null ? "" : ",\"capture\":" + quote(capture))
            + (async ? ",\"async\":true" : "")
            + "}";
    String path = "/v1/orders/" + orderId + "/payments";
    Answer a = post("pay", path, key, body);
    if (a.ok() && a.id() != null) {
      PaymentSnapshot p = ApiJson.payment(a.json(), seen("POST", path, a));
      obs.saw(p);
      obs.paid(new PayAnswer(orderId, key, a.status(), p.id(), p.status(), a.replayed()));
    }
    return a;
  }

  public Answer capture(String paymentId, Long amount, String key) {
    obs.payment(paymentId);
    String path = "/v1/payments/" + paymentId + "/capture";
    Answer a = post("capture", path, key, amountBody(amount));
    if (a.ok() && a.id() != null) {
      PaymentSnapshot p = ApiJson.payment(a.json(), seen("POST", path, a));
      if (a.status() == 200) {
        obs.captured(new CaptureAnswer(paymentId, key, amount, p, a.replayed()));
      } else {
        obs.saw(p);
      }
    }
    return a;
  }

  public Answer voidPayment(String paymentId, String key) {
    obs.payment(paymentId);
    String path = "/v1/payments/" + paymentId + "/void";
    Answer a = post("void", path, key, "{}");
    if (a.ok() && a.id() != null) {
      PaymentSnapshot p = ApiJson.payment(a.json(), seen("POST", path, a));
      if (a.status() == 200) {
        obs.voided(new VoidAnswer(paymentId, key, p, a.replayed()));
      } else {
        obs.saw(p);
      }
    }
    return a;
  }

  public Answer refund(String paymentId, Long amount, String key) {
    obs.refundAttempted(paymentId);
    Answer a = post("refund", "/v1/payments/" + paymentId + "/refunds", key, amountBody(amount));
    if (a.ok() && a.id() != null) {
      obs.refunded(new RefundAnswer(paymentId, key, ApiJson.refund(a.json()), a.replayed()));
    }
    return a;
  }

  public Answer getOrder(String orderId) {
    String path = "/v1/orders/" + orderId;
    Answer a = get("get_order", path);
    if (a.status() == 200 && a.json() != null) {
      ApiJson.order(a.json(), seen("GET", path, a)).payments().forEach(obs::saw);
    }
    return a;
  }

  public Answer getPayment(String paymentId) {
    String path = "/v1/payments/" + paymentId;
    Answer a = get("get_payment", path);
    if (a.status() == 200 && a.json() != null) {
      obs.saw(ApiJson.payment(a.json(), seen("GET", path, a)));
    }
    return a;
  }

  /**
   * A POST with an arbitrary body, recorded like the others: for requests that reuse a key with a
   * different body on purpose.
   */
  public Answer post(String operation, String path, String key, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Driver.Exchange x = driver.send(operation, "POST", path, key, bytes);
    Answer a = answer(x);
    if (key != null) {
      obs.raw(
          new RawAnswer(
              "POST",
              path,
              key,
              sha256(bytes),
              a.status(),
              a.errorCode(),
              sha256(a.body()),
              excerpt(a.body()),
              a.replayed()));
    }
    return a;
  }

  private Answer get(String operation, String path) {
    return answer(driver.send(operation, "GET", path, null, null));
  }

  private Answer answer(Driver.Exchange x) {
    JsonNode json = ApiJson.parse(x.body());
    String code = x.isSuccess() ? null : ApiJson.errorCode(json);
    driver.metrics().countError(x.status(), code);
    return new Answer(x.status(), x.body(), x.replayed(), json, code);
  }

  private static String seen(String method, String path, Answer a) {
    return method + " " + path + " → " + a.status() + (a.replayed() ? " (replayed)" : "");
  }

  private static String amountBody(Long amount) {
    return amount == null ? "{}" : "{\"amount\":" + amount + "}";
  }

  /** Ids and keys the lab makes are plain ASCII, but quote properly anyway. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
  }
}
