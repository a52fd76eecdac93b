package com.oncepay.idempotency;

import com.oncepay.merchant.MerchantId;
import java.util.Objects;

/** A request that carries an idempotency key, with the fingerprint a replay must match. */
public record IdempotentRequest(MerchantId merchant, IdempotencyKey key, byte[] fingerprint) {

  public IdempotentRequest {
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  public static IdempotentRequest of(
      MerchantId merchant, String keyHeader, String method, String path, byte[] body) {
    return new IdempotentRequest(
        merchant, IdempotencyKey.parseHeader(keyHeader), RequestFingerprint.of(method, path, body));
  }
}
