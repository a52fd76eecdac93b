package com.oncepay.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile requests across every endpoint. Each one carries at least one fault that oncepay
 * must refuse — no key or a wrong one, a path it does not serve, a missing or abused
 * Idempotency-Key, a body that is not the JSON the route takes, a forged gateway signature — so a
 * run of them must leave every table as it was. Reads (GET, HEAD, OPTIONS) may be answered 2xx;
 * anything else must be a 4xx.
 *
 * @param orderId an order that exists (pending payment), so faults reach the handlers
 * @param paymentId a captured payment of that merchant
 */
record HostileRequests(Random random, String apiKey, String orderId, String paymentId) {

  /** One request: written raw, so nothing repairs it on the way. */
  record Request(String method, String target, List<String> headers, byte[] body, String fault) {
    boolean isRead() {
      return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    public String toString() {
      String shown = new String(body, 0, Math.min(body.length, 120), StandardCharsets.ISO_8859_1);
      return fault
          + ": "
          + method
          + " "
          + target
          + " "
          + headers
          + " body["
          + body.length
          + "] "
          + shown;
    }
  }

  private static final String[] WRITE_ROUTES = {
    "/v1/orders", "/v1/orders/{order}/payments", "/v1/payments/{payment}/capture",
    "/v1/payments/{payment}/void", "/v1/payments/{payment}/refunds", "/v1/webhook_endpoint"
  };
  private static final String[] READ_ROUTES = {
    "/v1/orders/{order}",
    "/v1/payments/{payment}",
    "/v1/events",
    "/v1/events/evt_x",
    "/v1/events/evt_x/deliveries",
    "/v1/webhook_endpoint",
    "/v1/orders/{order}/payments"
  };
  private static final String[] METHODS = {
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "FOO", "get"
  };

  Request next() {
    return switch (random.nextInt(8)) {
      case 0 -> badKey();
      case 1 -> badPath();
      case 2 -> badIdempotencyKey();
      case 3, 4, 5 -> badBody();
      case 6 -> forgedGatewayWebhook();
      default -> oddMethodOrQuery();
    };
  }

  // --- faults -----------------------------------------------------------------------------

  private Request badKey() {
    String[] keys = {
      null,
      "",
      "Bearer",
      "Bearer ",
      "Bearer sk_" + hex(16),
      "Basic dXNlcjpwYXNz",
      "bearer " + apiKey + "x",
      "Bearer " + apiKey.substring(0, apiKey.length() - 1),
      "Bearer " + "k".repeat(5000),
      "Bearer " + apiKey + "x\t",
      "Token " + apiKey,
      "Bearer sk_\u00ff\u00fe"
    };
    String key = keys[random.nextInt(keys.length)];
    String method = random.nextBoolean() ? "POST" : pick(METHODS);
    List<String> headers = new ArrayList<>();
    if (key != null) {
      headers.add("Authorization: " + key);
    }
    headers.add("Idempotency-Key: fuzz-" + hex(8));
    headers.add("Content-Type: application/json");
    String route = random.nextBoolean() ? pick(WRITE_ROUTES) : pick(READ_ROUTES);
    return new Request(method, target(route), headers, validBody(route), "bad-key");
  }

  private Request badPath() {
    String route = target(random.nextBoolean() ? pick(WRITE_ROUTES) : pick(READ_ROUTES));
    String[] twists = {
      ";a=b",
      ";",
      "/",
      "/.",
      "/..",
      "%2F",
      "%2f..",
      "%zz",
      "%",
      "%0",
      "%00",
      "%C3",
      "%E2%80%AE",
      "/%2e%2e/actuator/env",
      ";jsessionid=1",
      "\u00e9",
      "//",
      "/./x",
      "?%zz=1",
      "#frag"
    };
    String twist = pick(twists);
    String target =
        switch (random.nextInt(4)) {
          case 0 -> route + twist;
          case 1 -> route.replaceFirst("/v1", "/%76%31");
          case 2 -> route.replaceFirst("/v1/", "/v1" + twist + "/");
          default -> route.replace("/", "//");
        };
    if (target.equals(route) || twist.equals("#frag") && target.endsWith("#frag")) {
      target = route + ";x";
    }
    String method = random.nextBoolean() ? "POST" : "GET";
    return new Request(
        method, target, authed("Content-Type: application/json"), validBody(route), "bad-path");
  }

  private Request badIdempotencyKey() {
    String route = pick(WRITE_ROUTES);
    List<String> headers = new ArrayList<>();
    headers.add("Authorization: Bearer " + apiKey);
    headers.add("Content-Type: application/json");
    String method = route.equals("/v1/webhook_endpoint") ? "PUT" : "POST";
    switch (random.nextInt(6)) {
      case 0 -> {} // none at all
      case 1 -> headers.add("Idempotency-Key: " + "k".repeat(256 + random.nextInt(5000)));
      case 2 -> {
        headers.add("Idempotency-Key: a-" + hex(4));
        headers.add("Idempotency-Key: b-" + hex(4));
      }
      case 3 -> headers.add("Idempotency-Key: ");
      case 4 -> headers.add("Idempotency-Key: \"unterminated");
      default -> headers.add("Idempotency-Key: bad\u0001key");
    }
    if (method.equals("PUT")) {
      // PUT takes no Idempotency-Key; fault it another way.
      return badBody();
    }
    return new Request(method, target(route), headers, validBody(route), "bad-idempotency-key");
  }

  private Request badBody() {
    String route = pick(WRITE_ROUTES);
    String method = route.equals("/v1/webhook_endpoint") ? "PUT" : "POST";
    byte[] body = brokenBody(route);
    List<String> headers = authed("Idempotency-Key: fuzz-" + hex(8));
    String fault = "bad-body";
    if (random.nextInt(10) == 0) {
      headers.add(
          "Content-Type: "
              + pick(
                  new String[] {
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "json"
                  }));
      body =
          validBody(route).length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : validBody(route);
      fault = "bad-content-type";
    } else {
      headers.add("Content-Type: application/json");
    }
    return new Request(method, target(route), headers, body, fault);
  }

  private Request forgedGatewayWebhook() {
    long t = System.currentTimeMillis() / 1000;
    String[] signatures = {
      null,
      "",
      "t=" + t,
      "v1=" + hex(32),
      "t=" + t + ",v1=" + hex(32),
      "t=-9223372036854775808,v1=" + hex(32),
      "t=9223372036854775807,v1=" + hex(32),
      "t=abc,v1=zz",
      "t=" + (t - 100_000) + ",v1=" + hex(32),
      "t=" + t + ",v1=" + hex(32) + ",v1=",
      "t=" + t + ",v0=" + hex(32)
    };
    String signature = pick(signatures);
    List<String> headers = new ArrayList<>();
    headers.add("Content-Type: application/json");
    if (signature != null) {
      headers.add("Sim-Signature: " + signature);
    }
    String body =
        random.nextBoolean()
            ? "{\"id\":\"evt_"
                + hex(8)
                + "\",\"type\":\"charge.succeeded\",\"data\":{\"charge\":{\"id\":\"ch_x\",\"reference\":\""
                + paymentId
                + "\",\"amount\":100,\"status\":\"captured\"}}}"
            : new String(brokenBody("/v1/orders"), StandardCharsets.ISO_8859_1);
    String gateway = pick(new String[] {"sim", "sim", "stripe", "SIM", "sim.x", "x"});
    return new Request(
        "POST",
        "/v1/webhooks/" + gateway,
        headers,
        body.getBytes(StandardCharsets.ISO_8859_1),
        "forged-gateway-webhook");
  }

  private Request oddMethodOrQuery() {
    if (random.nextBoolean()) {
      // A read with abusive query parameters: may be answered, never a 5xx, never a change.
      String[] queries = {
        "?limit=-1",
        "?limit=0",
        "?limit=99999999999999999999",
        "?limit=abc",
        "?starting_after=%zz",
        "?starting_after=" + "x".repeat(3000),
        "?limit=10&limit=20",
        "?type=%00",
        "?=",
        "?&&&",
        "?limit=1e9",
        "?a[b][c]=d"
      };
      return new Request(
          pick(new String[] {"GET", "HEAD", "OPTIONS"}),
          target(pick(READ_ROUTES)) + pick(queries),
          authed(),
          new byte[0],
          "odd-query");
    }
    // A method a route does not take (writes routes with GET-only methods and the reverse).
    String method = pick(new String[] {"PATCH", "TRACE", "CONNECT", "FOO", "get", "PROPFIND"});
    String route = random.nextBoolean() ? pick(WRITE_ROUTES) : pick(READ_ROUTES);
    List<String> headers =
        authed("Idempotency-Key: fuzz-" + hex(8), "Content-Type: application/json");
    return new Request(method, target(route), headers, validBody(route), "odd-method");
  }

  // --- building blocks --------------------------------------------------------------------

  /** A body the route would accept, so the fault under test is the only one. */
  private byte[] validBody(String route) {
    String json =
        switch (route) {
          case "/v1/orders" ->
              "{\"cart_id\":\"fuzz-" + hex(8) + "\",\"amount\":1200,\"currency\":\"EUR\"}";
          case "/v1/orders/{order}/payments" -> "{\"payment_method\":\"pm_ok\"}";
          case "/v1/payments/{payment}/refunds" -> "{\"amount\":100}";
          case "/v1/payments/{payment}/capture" -> "{\"amount\":100}";
          case "/v1/webhook_endpoint" -> "{\"url\":\"http://127.0.0.1:9/hook\"}";
          default -> "";
        };
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Never acceptable for the route: not JSON, not an object, or a field it must refuse. */
  private byte[] brokenBody(String route) {
    String field =
        switch (route) {
          case "/v1/orders" -> "amount";
          case "/v1/orders/{order}/payments" -> "payment_method";
          case "/v1/webhook_endpoint" -> "url";
          default -> "amount";
        };
    String valid = new String(validBody(route), StandardCharsets.UTF_8);
    return switch (random.nextInt(16)) {
      case 0 ->
          valid.isEmpty() ? "{".getBytes() : valid.substring(0, valid.length() / 2).getBytes();
      case 1 -> randomBytes(1 + random.nextInt(200));
      case 2 -> "[1,2,3]".getBytes();
      case 3 -> ("{\"" + field + "\":" + wrongValue(field) + "}").getBytes();
      case 4 -> ("{\"" + field + "\":1,\"unknown_field_" + hex(3) + "\":1}").getBytes();
      case 5 -> ("{\"metadata\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes();
      case 6 -> {
        byte[] huge = new byte[65_537 + random.nextInt(200_000)];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '{';
        huge[huge.length - 1] = '}';
        yield huge;
      }
      case 7 -> ("{\"" + field + "\":\"a\u0000b\"}").getBytes(StandardCharsets.UTF_8);
      case 8 -> ("{\"" + field + "\":\"\\u0000\"}").getBytes();
      case 9 -> ("{\"" + field + "\":\"\\ud800\"}").getBytes();
      case 10 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
      case 11 ->
          pick(new String[] {"\u000b", "\u001f", "\u2028", " ", "\t", "null", "0", "\"x\""})
              .getBytes(StandardCharsets.UTF_8);
      case 12 -> (valid.isEmpty() ? "{,}" : valid.replace("}", ",}")).getBytes();
      case 13 -> ("{\"" + field + "\":1," + "\"" + field + "\":2}").getBytes();
      case 14 ->
          ("{\"payment_method\":\"4242 4242 4242 4242\",\"amount\":-5,\"url\":\"ftp://x\"}")
              .getBytes();
      default ->
          ("\uFEFF" + "{\"" + field + "\":[" + "1,".repeat(10_000) + "1]}")
              .getBytes(StandardCharsets.UTF_8);
    };
  }

  /** A value of the wrong type or out of range; never a string that could name a payment method. */
  private String wrongValue(String field) {
    String[] numbers = {
      "true",
      "[]",
      "{}",
      "null",
      "1.5",
      "-1",
      "0",
      "1e400",
      "99999999999999999999999",
      "-9223372036854775808",
      "\"12\"",
      "\"\""
    };
    String[] notNumbers = {"true", "[]", "{}", "null", "1.5", "-1", "0", "\"\"", "12"};
    return field.equals("amount") ? pick(numbers) : pick(notNumbers);
  }

  private List<String> authed(String... more) {
    List<String> headers = new ArrayList<>();
    headers.add("Authorization: Bearer " + apiKey);
    headers.addAll(List.of(more));
    return headers;
  }

  private String target(String route) {
    return route.replace("{order}", orderId).replace("{payment}", paymentId);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private String hex(int bytes) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      s.append(String.format("%02x", random.nextInt(256)));
    }
    return s.toString();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
