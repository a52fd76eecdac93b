package com.oncepay.outbox;

import static com.oncepay.outbox.JobStatus.CLAIMED;
import static com.oncepay.outbox.JobStatus.DEAD;
import static com.oncepay.outbox.JobStatus.DONE;
import static com.oncepay.outbox.JobStatus.PUBLISHED;
import static com.oncepay.outbox.JobStatus.PUBLISHING;
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
      Map.ofEntries(
          Map.entry(JobEvent.CLAIMED, Map.of(READY, CLAIMED)),
          Map.entry(JobEvent.TAKEN_OVER, Map.of(CLAIMED, CLAIMED)),
          Map.entry(JobEvent.HEARTBEAT, Map.of(CLAIMED, CLAIMED)),
          Map.entry(JobEvent.COMPLETED, Map.of(CLAIMED, DONE)),
          Map.entry(JobEvent.RETRIED, Map.of(CLAIMED, READY)),
          Map.entry(JobEvent.BURIED, Map.of(CLAIMED, DEAD)),
          Map.entry(JobEvent.RELEASED, Map.of(CLAIMED, READY)),
          Map.entry(JobEvent.RELAYED, Map.of(READY, PUBLISHING)),
          Map.entry(
              JobEvent.REPUBLISHED,
              Map.of(PUBLISHING, PUBLISHING, PUBLISHED, PUBLISHING, CLAIMED, PUBLISHING)),
          Map.entry(JobEvent.CONFIRMED, Map.of(PUBLISHING, PUBLISHED)),
          Map.entry(JobEvent.UNCONFIRMED, Map.of(PUBLISHING, READY)),
          Map.entry(JobEvent.DELIVERED, Map.of(PUBLISHING, CLAIMED, PUBLISHED, CLAIMED)),
          Map.entry(
              JobEvent.DEAD_LETTERED, Map.of(PUBLISHING, DEAD, PUBLISHED, DEAD, CLAIMED, DEAD)));

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
    assertThat(OutboxStateMachine.OPEN).containsExactly(READY, PUBLISHING, PUBLISHED, CLAIMED);
  }
}
