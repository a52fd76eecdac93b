package com.oncepay.testsupport;

import java.net.URI;

/**
 * The machine's Redis (127.0.0.1:6379, or ONCEPAY_TEST_REDIS_URL), shared by the tests that only
 * take locks on objects of their own; a test that restarts or reconfigures Redis uses {@link
 * OwnRedis} instead.
 */
public final class TestRedis {

  private TestRedis() {}

  public static URI url() {
    String url = System.getenv("ONCEPAY_TEST_REDIS_URL");
    return URI.create(url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url);
  }
}
