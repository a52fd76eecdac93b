package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.DelegatingGateway;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The request dies after its claim committed and before the gateway answered (an instance killed
 * mid-request). A retry with the same key waits out the lease, then resumes the very operation the
 * first request started, with the same gateway key: one charge, one order.
 */
@TestPropertySource(
    properties = {
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=1",
      "oncepay.idempotency.lease=3s"
    })
@Import(ResumeAfterCrashIT.CrashingGateway.class)
class ResumeAfterCrashIT extends ApiTestBase {

  @Autowired AtomicBoolean crashNextCall;

  @Test
  void retryAfterTheLeaseResumesTheStartedOperation() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 4321);
    String path = "/v1/orders/" + order + "/payments";
    String body = "{\"payment_method\":\"pm_ok\"}";

    crashNextCall.set(true);
    Resp crashed = api().post(path, "k-crash", body);
    assertThat(crashed.status()).isEqualTo(500);
    assertThat(api().get("/v1/orders/" + order).json().get("status").asString())
        .isEqualTo("payment_processing");

    Resp during = api().post(path, "k-crash", body);
    assertThat(during.status()).isEqualTo(409);
    assertThat(during.errorCode()).isEqualTo("idempotency_key_in_use");

    Resp resumed = during;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (resumed.status() == 409 && System.nanoTime() < deadline) {
      resumed = api().post(path, "k-crash", body);
    }
    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(201);
    assertThat(resumed.replayed()).isFalse();
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    assertThat(api().get("/v1/orders/" + order).json().get("payments")).hasSize(1);
    Resp replay = api().post(path, "k-crash", body);
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(resumed.body());
  }

  @TestConfiguration
  static class CrashingGateway {
    @Bean
    AtomicBoolean crashNextCall() {
      return new AtomicBoolean();
    }

    /** Dies like a killed process would: after the claim, before any answer is recorded. */
    @Bean
    @Primary
    PaymentGateway crashingGateway(
        @Qualifier("paymentGateway") PaymentGateway real, AtomicBoolean crashNextCall) {
      return new DelegatingGateway(real) {
        @Override
        public GatewayResult authorize(AuthorizeCall call) {
          if (crashNextCall.getAndSet(false)) {
            throw new IllegalStateException("simulated crash before the gateway answered");
          }
          return real.authorize(call);
        }
      };
    }
  }
}
