package com.oncepay.payment;

import com.oncepay.config.OncepayProperties;
import com.oncepay.idempotency.Claim;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.web.ApiResponse;
import com.oncepay.web.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shape every payment request shares (DESIGN.md, atomic phases): a claim transaction (key,
 * business claim, operation row), the gateway call outside any transaction, a finalize transaction.
 * Each use case supplies only its claim.
 */
@Component
class OperationRequests {

  private final IdempotencyStore keys;
  private final ExecuteOperation executor;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Duration operationLease;

  OperationRequests(
      IdempotencyStore keys,
      ExecuteOperation executor,
      OutboxRepository outbox,
      TransactionTemplate tx,
      Clock clock,
      OncepayProperties properties) {
    this.keys = keys;
    this.executor = executor;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    var gateway = properties.gateway();
    this.operationLease =
        gateway.readTimeout().multipliedBy(gateway.maxAttempts()).plus(gateway.leaseMargin());
  }

  /** What a use case's claim decided, inside the claim transaction. */
  sealed interface Step {
    /** Answer now; a stored answer has already been completed on the key. */
    record Answer(IdempotentResponse response) implements Step {}

    /** Run this operation; it has been attached to the key. */
    record Execute(UUID recordId, OperationId operation) implements Step {}
  }

  /** The use case's claim: given the key record and the time, claim and insert, or answer. */
  @FunctionalInterface
  interface ClaimPhase {
    Step claim(UUID recordId, OffsetDateTime now);
  }

  IdempotentResponse run(IdempotentRequest request, ClaimPhase phase) {
    Step step =
        tx.execute(
            status ->
                switch (keys.claim(request)) {
                  case Claim.Replay replay ->
                      new Step.Answer(IdempotentResponse.replayed(replay.response()));
                  case Claim.Resume resume ->
                      new Step.Execute(resume.recordId(), new OperationId(resume.operationId()));
                  case Claim.Started started -> phase.claim(started.recordId(), now());
                });
    return switch (step) {
      case Step.Answer answer -> answer.response();
      case Step.Execute execute -> {
        ApiResponse response = executor.execute(execute.operation());
        // If another executor finalized first, the key holds its answer: give exactly that.
        yield IdempotentResponse.first(keys.completedResponse(execute.recordId()).orElse(response));
      }
    };
  }

  /** Stores a business rejection with the key, so a retry replays it. */
  Step store(UUID recordId, ApiResponse response) {
    keys.complete(recordId, response);
    return new Step.Answer(IdempotentResponse.first(response));
  }

  /**
   * Queues the operation for a worker, in the claim transaction, and answers 202 now: the answer is
   * final for this key (it says "processing"); the outcome comes by GET and webhook.
   */
  Step enqueue(UUID recordId, Operation operation, Payment payment, OffsetDateTime now) {
    outbox.enqueue(JobKind.OPERATION, operation.id().value(), now, now);
    return store(recordId, new ApiResponse(202, Json.write(PaymentView.of(payment))));
  }

  Step execute(UUID recordId, Operation operation) {
    keys.attachOperation(recordId, operation.id().value());
    return new Step.Execute(recordId, operation.id());
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  OffsetDateTime leaseUntil(OffsetDateTime now) {
    return now.plus(operationLease);
  }
}
