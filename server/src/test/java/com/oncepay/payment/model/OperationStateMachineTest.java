package com.oncepay.payment.model;

import static com.oncepay.payment.model.OperationStatus.FAILED;
import static com.oncepay.payment.model.OperationStatus.PROCESSING;
import static com.oncepay.payment.model.OperationStatus.SUCCEEDED;
import static com.oncepay.payment.model.OperationStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gateway.GatewayResult;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (state, event) pair of the gateway operation's machine, against a hand-written table. */
class OperationStateMachineTest {

  private static final Map<OperationEvent, Map<OperationStatus, OperationStatus>> ALLOWED =
      Map.of(
          OperationEvent.SUCCEEDED, Map.of(PROCESSING, SUCCEEDED, UNKNOWN, SUCCEEDED),
          OperationEvent.FAILED, Map.of(PROCESSING, FAILED, UNKNOWN, FAILED),
          OperationEvent.LEFT_UNKNOWN, Map.of(PROCESSING, UNKNOWN, UNKNOWN, UNKNOWN));

  @ParameterizedTest
  @EnumSource(OperationStatus.class)
  void everyEventFromEveryState(OperationStatus state) {
    for (OperationEvent event : OperationEvent.values()) {
      assertThat(OperationStateMachine.TABLE.next(state, event))
          .as("%s on %s", event, state)
          .isEqualTo(Optional.ofNullable(ALLOWED.get(event).get(state)));
    }
  }

  @Test
  void settledOperationsNeverMoveAgain() {
    assertThat(OperationStateMachine.TABLE.terminalStates())
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED);
    assertThat(OperationStateMachine.TABLE.terminalStates()).allMatch(OperationStatus::settled);
  }

  @Test
  void onlyADeclineFailsAnOperation() {
    assertThat(OperationStateMachine.eventFor(new GatewayResult.Declined("card_declined", null)))
        .isEqualTo(OperationEvent.FAILED);
    assertThat(OperationStateMachine.eventFor(new GatewayResult.Approved("ch", true)))
        .isEqualTo(OperationEvent.SUCCEEDED);
    assertThat(OperationStateMachine.eventFor(new GatewayResult.Pending("ch")))
        .isEqualTo(OperationEvent.LEFT_UNKNOWN);
    assertThat(OperationStateMachine.eventFor(new GatewayResult.Unknown("timeout")))
        .isEqualTo(OperationEvent.LEFT_UNKNOWN);
  }
}
