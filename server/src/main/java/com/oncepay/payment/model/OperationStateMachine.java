package com.oncepay.payment.model;

import static com.oncepay.payment.model.OperationStatus.FAILED;
import static com.oncepay.payment.model.OperationStatus.PROCESSING;
import static com.oncepay.payment.model.OperationStatus.SUCCEEDED;
import static com.oncepay.payment.model.OperationStatus.UNKNOWN;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.statemachine.TransitionTable;
import java.util.Set;

/**
 * A gateway operation's life: open (processing, or unknown while it is being resolved) until the
 * gateway's answer settles it. Settled operations never move again, so exactly one finalizer wins.
 */
public final class OperationStateMachine {

  public static final TransitionTable<OperationStatus, OperationEvent> TABLE =
      TransitionTable.builder(OperationStatus.class, OperationEvent.class)
          .on(OperationEvent.SUCCEEDED, Set.of(PROCESSING, UNKNOWN), SUCCEEDED)
          .on(OperationEvent.FAILED, Set.of(PROCESSING, UNKNOWN), FAILED)
          .on(OperationEvent.LEFT_UNKNOWN, Set.of(PROCESSING, UNKNOWN), UNKNOWN)
          .build();

  private OperationStateMachine() {}

  /** The event a gateway answer is; only a decline fails an operation. */
  public static OperationEvent eventFor(GatewayResult result) {
    return switch (result) {
      case GatewayResult.Approved a -> OperationEvent.SUCCEEDED;
      case GatewayResult.Declined d -> OperationEvent.FAILED;
      case GatewayResult.Pending p -> OperationEvent.LEFT_UNKNOWN;
      case GatewayResult.Unknown u -> OperationEvent.LEFT_UNKNOWN;
    };
  }
}
