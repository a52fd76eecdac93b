package com.oncepay.race;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayCallHoldsNoConnectionIT extends GatewayCallHoldsNoConnection {

  @Test
  void slowGatewayDoesNotExhaustThePool() {
    assertThat(payAllAtOnce()).isEmpty();
  }
}
