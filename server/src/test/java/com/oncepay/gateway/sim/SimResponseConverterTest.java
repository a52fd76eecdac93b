package com.oncepay.gateway.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gateway.GatewayResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only answers that say "not done" may become a decline; everything ambiguous is unknown. */
class SimResponseConverterTest {

  private static GatewayResult convert(int status, String body, SimGatewayAdapter.Kind kind) {
    return SimResponseConverter.convert(status, body.getBytes(StandardCharsets.UTF_8), kind);
  }

  @Test
  void approvals() {
    assertThat(
            convert(
                201, "{\"id\":\"ch_1\",\"status\":\"captured\"}", SimGatewayAdapter.Kind.CHARGE))
        .isEqualTo(new GatewayResult.Approved("ch_1", true));
    assertThat(
            convert(
                201, "{\"id\":\"ch_1\",\"status\":\"authorized\"}", SimGatewayAdapter.Kind.CHARGE))
        .isEqualTo(new GatewayResult.Approved("ch_1", false));
    assertThat(
            convert(
                201, "{\"id\":\"re_1\",\"status\":\"succeeded\"}", SimGatewayAdapter.Kind.REFUND))
        .isEqualTo(new GatewayResult.Approved("re_1", false));
  }

  @Test
  void declinesAndRefusals() {
    assertThat(
            convert(
                402,
                "{\"id\":\"ch_2\",\"status\":\"declined\",\"decline_code\":\"card_declined\"}",
                SimGatewayAdapter.Kind.CHARGE))
        .isEqualTo(new GatewayResult.Declined("card_declined", "ch_2"));
    assertThat(
            convert(409, "{\"error\":{\"code\":\"invalid_state\"}}", SimGatewayAdapter.Kind.CHARGE))
        .isEqualTo(new GatewayResult.Declined("invalid_state", null));
    assertThat(
            convert(202, "{\"id\":\"ch_3\",\"status\":\"pending\"}", SimGatewayAdapter.Kind.CHARGE))
        .isEqualTo(new GatewayResult.Pending("ch_3"));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408, 429})
  void serverTroubleIsUnknown(int status) {
    assertThat(convert(status, "{}", SimGatewayAdapter.Kind.CHARGE))
        .isInstanceOf(GatewayResult.Unknown.class);
  }

  @Test
  void idempotencyComplaintsAndMissingIdsAreUnknown() {
    assertThat(
            convert(
                422,
                "{\"error\":{\"code\":\"idempotency_key_reused\"}}",
                SimGatewayAdapter.Kind.CHARGE))
        .isInstanceOf(GatewayResult.Unknown.class);
    assertThat(convert(201, "{\"status\":\"captured\"}", SimGatewayAdapter.Kind.CHARGE))
        .isInstanceOf(GatewayResult.Unknown.class);
  }
}
