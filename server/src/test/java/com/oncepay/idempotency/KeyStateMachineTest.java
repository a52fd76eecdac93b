package com.oncepay.idempotency;

import static com.oncepay.idempotency.KeyStatus.COMPLETED;
import static com.oncepay.idempotency.KeyStatus.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (state, event) pair of an idempotency key's machine, against a hand-written table. */
class KeyStateMachineTest {

  private static final Map<KeyEvent, Map<KeyStatus, KeyStatus>> ALLOWED =
      Map.of(
          KeyEvent.OPERATION_ATTACHED, Map.of(IN_PROGRESS, IN_PROGRESS),
          KeyEvent.TAKEN_OVER, Map.of(IN_PROGRESS, IN_PROGRESS),
          KeyEvent.COMPLETED, Map.of(IN_PROGRESS, COMPLETED),
          // Only after the retention: a completed answer is otherwise replayed forever.
          KeyEvent.RESTARTED, Map.of(IN_PROGRESS, IN_PROGRESS, COMPLETED, IN_PROGRESS));

  @ParameterizedTest
  @EnumSource(KeyStatus.class)
  void everyEventFromEveryState(KeyStatus state) {
    for (KeyEvent event : KeyEvent.values()) {
      assertThat(KeyStateMachine.TABLE.next(state, event))
          .as("%s on %s", event, state)
          .isEqualTo(Optional.ofNullable(ALLOWED.get(event).get(state)));
    }
  }
}
