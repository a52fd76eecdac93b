package com.oncepay.idempotency;

import static com.oncepay.idempotency.KeyStatus.COMPLETED;
import static com.oncepay.idempotency.KeyStatus.IN_PROGRESS;

import com.oncepay.statemachine.TransitionTable;
import java.util.Set;

/** An idempotency key's life. {@link IdempotencyStore}'s guarded writes take their guards here. */
public final class KeyStateMachine {

  public static final TransitionTable<KeyStatus, KeyEvent> TABLE =
      TransitionTable.builder(KeyStatus.class, KeyEvent.class)
          .on(KeyEvent.OPERATION_ATTACHED, Set.of(IN_PROGRESS), IN_PROGRESS)
          .on(KeyEvent.TAKEN_OVER, Set.of(IN_PROGRESS), IN_PROGRESS)
          .on(KeyEvent.COMPLETED, Set.of(IN_PROGRESS), COMPLETED)
          .on(KeyEvent.RESTARTED, Set.of(IN_PROGRESS, COMPLETED), IN_PROGRESS)
          .build();

  private KeyStateMachine() {}
}
