package com.oncepay.gatewayevents;

import com.oncepay.payment.application.ApplyGatewayCharge;
import com.oncepay.persistence.DbEnum;

/** What receiving a gateway event did; the {@code gateway_events.outcome} column. */
public enum GatewayEventOutcome implements DbEnum {
  APPLIED,
  STALE,
  IGNORED,
  /** It contradicts a final state of ours: never applied, left for operators. */
  FLAGGED;

  static GatewayEventOutcome of(ApplyGatewayCharge.Outcome outcome) {
    return switch (outcome) {
      case ApplyGatewayCharge.Outcome.Applied a -> APPLIED;
      case ApplyGatewayCharge.Outcome.Stale s -> STALE;
      case ApplyGatewayCharge.Outcome.Ignored i -> IGNORED;
      case ApplyGatewayCharge.Outcome.Flagged f -> FLAGGED;
    };
  }
}
