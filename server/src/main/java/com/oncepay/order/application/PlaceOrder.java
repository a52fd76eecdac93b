package com.oncepay.order.application;

import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.Claim;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.KeyLast;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.merchantevents.DomainEvents;
import com.oncepay.merchantevents.EventType;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.order.store.OrderRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a cart into at most one order. One transaction: insert the order unless the cart has one,
 * then the key with its answer ({@link KeyLast}; the cart's unique index decides the order).
 */
@Service
public class PlaceOrder {

  private final IdempotencyStore keys;
  private final OrderRepository orders;
  private final DomainEvents events;
  private final AnswerRenderer<PlaceOrderResult> renderer;
  private final TransactionTemplate tx;
  private final Clock clock;

  PlaceOrder(
      IdempotencyStore keys,
      OrderRepository orders,
      DomainEvents events,
      AnswerRenderer<PlaceOrderResult> renderer,
      TransactionTemplate tx,
      Clock clock) {
    this.keys = keys;
    this.orders = orders;
    this.events = events;
    this.renderer = renderer;
    this.tx = tx;
    this.clock = clock;
  }

  public Answered<PlaceOrderResult> place(IdempotentRequest request, PlaceOrderCommand command) {
    return KeyLast.run(
        tx,
        keys,
        request,
        status -> {
          PlaceOrderResult result = decide(command);
          StoredAnswer answer = renderer.render(result);
          keys.insertAnswered(request, answer);
          return new Answered.Fresh<>(result, answer);
        },
        status -> {
          Claim claim = keys.claim(request);
          if (claim instanceof Claim.Replay replay) {
            return new Answered.Replayed<>(replay.answer());
          }
          UUID recordId =
              switch (claim) {
                case Claim.Started started -> started.recordId();
                // A place-order request starts no gateway operation; its key is simply rerun.
                case Claim.Resume resume -> resume.recordId();
                case Claim.Replay replay -> throw new IllegalStateException("handled above");
              };
          PlaceOrderResult result = decide(command);
          StoredAnswer answer = renderer.render(result);
          keys.complete(recordId, answer);
          return new Answered.Fresh<>(result, answer);
        });
  }

  private PlaceOrderResult decide(PlaceOrderCommand command) {
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    Order candidate =
        new Order(
            OrderId.random(),
            command.merchant(),
            command.cartId(),
            command.amount(),
            command.customerEmail(),
            command.metadataJson(),
            OrderStatus.PENDING_PAYMENT,
            0,
            now,
            now);
    var created = orders.insertIfAbsent(candidate);
    if (created.isPresent()) {
      Order order = created.get();
      events.emit(command.merchant(), EventType.ORDER_CREATED, order.id().toString(), order, now);
      return new PlaceOrderResult.Created(order);
    }
    Order existing =
        orders
            .findByCart(command.merchant(), command.cartId())
            .orElseThrow(() -> new IllegalStateException("cart conflict without an order"));
    return existing.amount().equals(command.amount())
        ? new PlaceOrderResult.Existing(existing)
        : new PlaceOrderResult.CartConflict(existing);
  }
}
