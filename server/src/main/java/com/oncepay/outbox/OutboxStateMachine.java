package com.oncepay.outbox;

import static com.oncepay.outbox.JobStatus.CLAIMED;
import static com.oncepay.outbox.JobStatus.DEAD;
import static com.oncepay.outbox.JobStatus.DONE;
import static com.oncepay.outbox.JobStatus.PUBLISHED;
import static com.oncepay.outbox.JobStatus.PUBLISHING;
import static com.oncepay.outbox.JobStatus.READY;

import com.oncepay.statemachine.TransitionTable;
import java.util.EnumSet;
import java.util.Set;

/**
 * A queued job's life. Every statement of {@link OutboxRepository} that moves a job takes its
 * {@code status} guard from here; a worker whose claim was taken over matches no row.
 *
 * <p>With ONCEPAY_QUEUE=postgres a worker claims ready jobs itself. With rabbitmq a relay takes
 * them (publishing), the broker's confirm makes them published, and a consumer that receives the
 * message claims them; from claimed on both queues are the same.
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
          .on(JobEvent.RELAYED, Set.of(READY), PUBLISHING)
          .on(JobEvent.REPUBLISHED, Set.of(PUBLISHING, PUBLISHED, CLAIMED), PUBLISHING)
          .on(JobEvent.CONFIRMED, Set.of(PUBLISHING), PUBLISHED)
          .on(JobEvent.UNCONFIRMED, Set.of(PUBLISHING), READY)
          .on(JobEvent.DELIVERED, Set.of(PUBLISHING, PUBLISHED), CLAIMED)
          .on(JobEvent.DEAD_LETTERED, Set.of(PUBLISHING, PUBLISHED, CLAIMED), DEAD)
          .build();

  /**
   * Open jobs: at most one per (kind, ref), so enqueuing again while one is open is a no-op. The
   * partial unique index {@code outbox_one_open_job} repeats this set, in this order.
   */
  public static final Set<JobStatus> OPEN = EnumSet.of(READY, PUBLISHING, PUBLISHED, CLAIMED);

  /** In the broker's hands: the relay's safety net publishes them again when their lease ends. */
  public static final Set<JobStatus> IN_TRANSPORT = EnumSet.of(PUBLISHING, PUBLISHED);

  private OutboxStateMachine() {}
}
