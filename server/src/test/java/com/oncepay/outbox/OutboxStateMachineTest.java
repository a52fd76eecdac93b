package com.oncepay.outbox;

import static com.oncepay.outbox.JobStatus.CLAIMED;
import static com.oncepay.outbox.JobStatus.DEAD;
import static com.oncepay.outbox.JobStatus.DONE;
import static com.oncepay.outbox.JobStatus.READY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (state, event) pair of a queued job's machine, against a hand-written table. */
class OutboxStateMachineTest {

  private static final Map<JobEvent, Map<JobStatus, JobStatus>> ALLOWED =
      Map.of(
          JobEvent.CLAIMED, Map.of(READY, CLAIMED),
          JobEvent.TAKEN_OVER, Map.of(CLAIMED, CLAIMED),
          JobEvent.HEARTBEAT, Map.of(CLAIMED, CLAIMED),
          JobEvent.COMPLETED, Map.of(CLAIMED, DONE),
          JobEvent.RETRIED, Map.of(CLAIMED, READY),
          JobEvent.BURIED, Map.of(CLAIMED, DEAD),
          JobEvent.RELEASED, Map.of(CLAIMED, READY));

  @ParameterizedTest
  @EnumSource(JobStatus.class)
  void everyEventFromEveryState(JobStatus state) {
    for (JobEvent event : JobEvent.values()) {
      assertThat(OutboxStateMachine.TABLE.next(state, event))
          .as("%s on %s", event, state)
          .isEqualTo(Optional.ofNullable(ALLOWED.get(event).get(state)));
    }
  }

  @Test
  void doneAndDeadAreFinal() {
    assertThat(OutboxStateMachine.TABLE.terminalStates()).containsExactlyInAnyOrder(DONE, DEAD);
  }

  /** The partial unique index of open jobs must name exactly the states a job can be worked in. */
  @Test
  void openJobsAreTheOnesAWorkerCanHold() {
    assertThat(OutboxStateMachine.OPEN).containsExactly(READY, CLAIMED);
  }
}
