package com.oncepay.outbox;

import static com.oncepay.outbox.JobStatus.CLAIMED;
import static com.oncepay.outbox.JobStatus.DEAD;
import static com.oncepay.outbox.JobStatus.DONE;
import static com.oncepay.outbox.JobStatus.READY;

import com.oncepay.statemachine.TransitionTable;
import java.util.EnumSet;
import java.util.Set;

/**
 * A queued job's life. Every statement of {@link OutboxRepository} that moves a job takes its
 * {@code status} guard from here; a worker whose claim was taken over matches no row.
 */
public final class OutboxStateMachine {

  public static final TransitionTable<JobStatus, JobEvent> TABLE =
      TransitionTable.builder(JobStatus.class, JobEvent.class)
          .on(JobEvent.CLAIMED, Set.of(READY), CLAIMED)
          .on(JobEvent.TAKEN_OVER, Set.of(CLAIMED), CLAIMED)
          .on(JobEvent.HEARTBEAT, Set.of(CLAIMED), CLAIMED)
          .on(JobEvent.COMPLETED, Set.of(CLAIMED), DONE)
          .on(JobEvent.RETRIED, Set.of(CLAIMED), READY)
          .on(JobEvent.BURIED, Set.of(CLAIMED), DEAD)
          .on(JobEvent.RELEASED, Set.of(CLAIMED), READY)
          .build();

  /** Open jobs: at most one per (kind, ref), so enqueuing again while one is open is a no-op. */
  public static final Set<JobStatus> OPEN = EnumSet.of(READY, CLAIMED);

  private OutboxStateMachine() {}
}
