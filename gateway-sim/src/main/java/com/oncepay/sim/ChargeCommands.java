package com.oncepay.sim;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.Set;

/** The POST operations on charges. Each runs once per Idempotency-Key, as its owner. */
final class ChargeCommands {

  private final Ledger ledger;
  private final Knobs knobs;
  private final AsyncSettlement settlement;
  private final Set<String> keysThatFailedOnce;
  private final Journal journal;
  private final Clock clock;

  /**
   * @param keysThatFailedOnce keys whose {@code pm_error_then_ok} first attempt already failed;
   *     shared with the reset
   */
  ChargeCommands(
      Ledger ledger,
      Knobs knobs,
      AsyncSettlement settlement,
      Set<String> keysThatFailedOnce,
      Journal journal,
      Clock clock) {
    this.ledger = ledger;
    this.knobs = knobs;
    this.settlement = settlement;
    this.keysThatFailedOnce = keysThatFailedOnce;
    this.journal = journal;
    this.clock = clock;
  }

  Outcome create(ApiRequest request) throws InterruptedException {
    NewCharge charge = NewCharge.parse(Json.parseObject(request.body()));
    String key = request.idempotencyKey();
    switch (charge.method()) {
      case PM_ERROR_THEN_OK -> {
        if (keysThatFailedOnce.add(key)) {
          journal.append(Json.object().put("op", "failed_once").put("key", key));
          return Outcome.notRemembered(ApiError.gatewayError().reply());
        }
      }
      case PM_SLOW -> Thread.sleep(knobs.get().slowMs());
      default -> {}
    }
    ChargeRecord record =
        ledger.open(charge, key, request.fingerprint(), clock.instant().getEpochSecond());
    // Snapshot before scheduling settlement: the 202 must show the charge as pending.
    Reply reply = createdReply(charge.method(), record.snapshot());
    return switch (charge.method()) {
      case PM_ASYNC, PM_ASYNC_DECLINED -> {
        settlement.schedule(record);
        yield Outcome.remembered(reply);
      }
      case PM_TIMEOUT_AFTER_CHARGE -> Outcome.remembered(reply).hangingFor(knobs.get().hangMs());
      default -> Outcome.remembered(reply);
    };
  }

  /** The answer to a charge's creation, from the charge as created (also rebuilt on recovery). */
  static Reply createdReply(PaymentMethod method, Charge created) {
    return switch (method) {
      case PM_DECLINED -> Reply.json(402, created);
      case PM_ASYNC, PM_ASYNC_DECLINED -> Reply.json(202, created);
      default -> Reply.json(201, created);
    };
  }

  Outcome capture(String chargeId, ApiRequest request) {
    OptionalLong amount = Json.optionalPositiveLong(Json.parseObject(request.body()), "amount");
    return ledger
        .find(chargeId)
        .map(charge -> answer(charge.capture(amount, key(request), request.fingerprint()), 200))
        .orElseGet(() -> Outcome.remembered(ApiError.noSuchCharge(chargeId).reply()));
  }

  Outcome voidAuthorization(String chargeId, ApiRequest request) {
    Json.parseObject(request.body()); // no fields, but malformed JSON is still a 400
    return ledger
        .find(chargeId)
        .map(charge -> answer(charge.voidAuthorization(key(request), request.fingerprint()), 200))
        .orElseGet(() -> Outcome.remembered(ApiError.noSuchCharge(chargeId).reply()));
  }

  Outcome refund(String chargeId, ApiRequest request) {
    long amount = Json.positiveLong(Json.parseObject(request.body()), "amount");
    return ledger
        .find(chargeId)
        .map(
            charge ->
                answer(
                    charge.refund(
                        amount, Ids.next("re_"), request.idempotencyKey(), request.fingerprint()),
                    201))
        .orElseGet(() -> Outcome.remembered(ApiError.noSuchCharge(chargeId).reply()));
  }

  private static String key(ApiRequest request) {
    return request.idempotencyKey();
  }

  /** Refusals such as {@code invalid_state} are real answers, so they are stored too. */
  private static <T> Outcome answer(ChargeRecord.Change<T> change, int okStatus) {
    return switch (change) {
      case ChargeRecord.Change.Applied<T> applied ->
          Outcome.remembered(Reply.json(okStatus, applied.value()));
      case ChargeRecord.Change.Refused<T> refused -> Outcome.remembered(refused.error().reply());
    };
  }
}
