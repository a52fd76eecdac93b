package com.oncepay.payment.application;

import com.oncepay.config.OncepayProperties;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.Claim;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.KeyLast;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.liveness.InstanceId;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shape every payment request shares (DESIGN.md, atomic phases): a claim transaction (the key,
 * the use case's business claim, the operation row), then the gateway call outside any transaction,
 * then a finalize transaction. A use case supplies only its claim, which returns what it decided
 * ({@link Claimed}); this class alone acts on that decision.
 */
@Component
class PaymentRequests {

  /** What a use case's claim decided, inside the claim transaction. */
  sealed interface Claimed {
    /** A definite "no": stored with the key, so a retry replays it. */
    record Refused(Rejection rejection) implements Claimed {}

    /** Call the gateway now, in this request; {@code payment} as the claim left it. */
    record Run(Operation operation, Payment payment) implements Claimed {}

    /** Leave the call to a worker and answer "processing" now (an async payment). */
    record Queue(Operation operation, Payment payment) implements Claimed {}
  }

  /** A use case's claim: given the time, claim and insert, or refuse. */
  @FunctionalInterface
  interface ClaimPhase {
    Claimed claim(OffsetDateTime now);
  }

  private sealed interface Step {
    record Answer(Answered<PaymentOutcome> answered) implements Step {}

    /** Run the operation; {@code claimed} is null when another request's claim made it. */
    record Execute(UUID recordId, OperationId operation, Claimed.Run claimed) implements Step {}
  }

  private final IdempotencyStore keys;
  private final PaymentRepository payments;
  private final OperationRepository operations;
  private final ExecuteOperation executor;
  private final OutboxRepository outbox;
  private final AnswerRenderer<PaymentOutcome> renderer;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final InstanceId instance;
  private final Duration operationLease;

  PaymentRequests(
      IdempotencyStore keys,
      PaymentRepository payments,
      OperationRepository operations,
      ExecuteOperation executor,
      OutboxRepository outbox,
      AnswerRenderer<PaymentOutcome> renderer,
      TransactionTemplate tx,
      Clock clock,
      InstanceId instance,
      OncepayProperties properties) {
    this.keys = keys;
    this.payments = payments;
    this.operations = operations;
    this.executor = executor;
    this.outbox = outbox;
    this.renderer = renderer;
    this.tx = tx;
    this.clock = clock;
    this.instance = instance;
    var gateway = properties.gateway();
    // Long enough for every try of the call: a recovery must never take over a live request.
    this.operationLease =
        gateway.readTimeout().multipliedBy(gateway.maxAttempts()).plus(gateway.leaseMargin());
  }

  Answered<PaymentOutcome> run(IdempotentRequest request, ClaimPhase phase) {
    Step step =
        KeyLast.run(
            tx,
            keys,
            request,
            status -> act(newKey(request), phase.claim(now())),
            status ->
                switch (keys.claim(request)) {
                  case Claim.Replay replay ->
                      new Step.Answer(new Answered.Replayed<>(replay.answer()));
                  case Claim.Resume resume ->
                      new Step.Execute(
                          resume.recordId(), new OperationId(resume.operationId()), null);
                  case Claim.Started started ->
                      act(claimedKey(started.recordId()), phase.claim(now()));
                });
    return switch (step) {
      case Step.Answer answer -> answer.answered();
      case Step.Execute execute -> {
        ExecuteOperation.Execution done =
            execute.claimed() == null
                ? executor.execute(execute.operation())
                : executor.executeClaimed(
                    execute.claimed().operation(), execute.claimed().payment());
        // Another executor finalized first: the key holds its answer, so give exactly that.
        StoredAnswer answer =
            done.stored() != null
                ? done.stored()
                : keys.completedAnswer(execute.recordId())
                    .orElseGet(() -> renderer.render(done.outcome()));
        yield new Answered.Fresh<>(done.outcome(), answer);
      }
    };
  }

  /** How the claim's decision is written to its key: one of the two orders of {@link KeyLast}. */
  private interface KeyRecord {
    /** Records the operation the claim started; returns the key's record id. */
    UUID operation(OperationId operation);

    void answer(StoredAnswer answer);
  }

  /** Key last: the key is inserted now, holding the decision. */
  private KeyRecord newKey(IdempotentRequest request) {
    return new KeyRecord() {
      @Override
      public UUID operation(OperationId operation) {
        return keys.insertWithOperation(request, operation.value());
      }

      @Override
      public void answer(StoredAnswer answer) {
        keys.insertAnswered(request, answer);
      }
    };
  }

  /** Key first: the key was claimed (in progress) before the claim ran. */
  private KeyRecord claimedKey(UUID recordId) {
    return new KeyRecord() {
      @Override
      public UUID operation(OperationId operation) {
        keys.attachOperation(recordId, operation.value());
        return recordId;
      }

      @Override
      public void answer(StoredAnswer answer) {
        keys.complete(recordId, answer);
      }
    };
  }

  private Step act(KeyRecord key, Claimed claimed) {
    return switch (claimed) {
      case Claimed.Refused refused -> store(key, new PaymentOutcome.Rejected(refused.rejection()));
      case Claimed.Run run ->
          new Step.Execute(key.operation(run.operation().id()), run.operation().id(), run);
      case Claimed.Queue queue -> {
        // The job commits with the claim: the answer "processing" is final for this key, and the
        // outcome comes by GET and webhook.
        OffsetDateTime now = queue.operation().createdAt();
        outbox.enqueue(JobKind.OPERATION, queue.operation().id().value(), now, now);
        yield store(key, new PaymentOutcome.Queued(queue.payment()));
      }
    };
  }

  private Step store(KeyRecord key, PaymentOutcome outcome) {
    StoredAnswer answer = renderer.render(outcome);
    key.answer(answer);
    return new Step.Answer(new Answered.Fresh<>(outcome, answer));
  }

  /** A new payment of the whole order, processing until its authorization settles. */
  Payment newPayment(
      MerchantId merchant,
      Order order,
      String paymentMethod,
      CaptureMethod captureMethod,
      OffsetDateTime now) {
    return payments.insert(
        PaymentId.random(),
        merchant,
        order.id(),
        order.amount(),
        paymentMethod,
        captureMethod,
        now);
  }

  /** The payment a capture, void or refund is about, or 404. */
  Payment payment(OperationCommand command) {
    return Rejections.find(payments, command.merchant(), command.payment());
  }

  /**
   * Inserts the gateway operation a claim won, with a lease that outlives every try of the call.
   */
  Operation start(
      OperationId id,
      MerchantId merchant,
      PaymentId payment,
      OperationKind kind,
      long amount,
      OffsetDateTime now) {
    return operations.insert(
        id, merchant, payment, kind, amount, instance.value(), now.plus(operationLease), now);
  }

  /**
   * Starts the operation a capture, void or refund claim won, to run in this request; {@code
   * reserved} is the payment as the claim left it.
   */
  Claimed run(
      OperationId id,
      OperationCommand command,
      OperationKind kind,
      long amount,
      Payment reserved,
      OffsetDateTime now) {
    return new Claimed.Run(
        start(id, command.merchant(), command.payment(), kind, amount, now), reserved);
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
