package com.oncepay.gateway;

import java.time.Instant;
import java.util.function.Function;

/**
 * The incoming half of a gateway adapter: checks a webhook's signature and reads it. Each adapter
 * names the path it answers on ({@code POST /v1/webhooks/{gateway}}).
 */
public interface GatewayWebhooks {

  /** The path segment, e.g. {@code sim}. */
  String gateway();

  /** The request header that carries the signature, named in error answers. */
  String signatureHeader();

  Verification verify(Function<String, String> headers, byte[] body, Instant now);

  /** What checking a webhook found. */
  sealed interface Verification {
    /** Signed by the gateway, fresh, and readable. */
    record Valid(GatewayEvent event) implements Verification {}

    /** Missing, wrong or stale signature: the gateway did not send this. */
    record BadSignature() implements Verification {}

    /** Signed, but not an event we can read. */
    record Unreadable(String reason) implements Verification {}
  }
}
