package com.oncepay.order;

import com.oncepay.events.DomainEvents;
import com.oncepay.events.EventType;
import com.oncepay.idempotency.Claim;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.web.ApiException;
import com.oncepay.web.ApiResponse;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a cart into at most one order. One transaction: claim the key, insert the order unless the
 * cart has one, store the answer with the key.
 */
@Service
public class PlaceOrder {

  private final IdempotencyStore keys;
  private final OrderRepository orders;
  private final DomainEvents events;
  private final TransactionTemplate tx;
  private final Clock clock;

  public PlaceOrder(
      IdempotencyStore keys,
      OrderRepository orders,
      DomainEvents events,
      TransactionTemplate tx,
      Clock clock) {
    this.keys = keys;
    this.orders = orders;
    this.events = events;
    this.tx = tx;
    this.clock = clock;
  }

  public IdempotentResponse place(IdempotentRequest request, PlaceOrderCommand command) {
    return tx.execute(
        status -> {
          Claim claim = keys.claim(request);
          if (claim instanceof Claim.Replay replay) {
            return IdempotentResponse.replayed(replay.response());
          }
          var recordId =
              switch (claim) {
                case Claim.Started started -> started.recordId();
                case Claim.Resume resume -> resume.recordId();
                case Claim.Replay replay -> throw new IllegalStateException("handled above");
              };
          ApiResponse response = decide(command);
          keys.complete(recordId, response);
          return IdempotentResponse.first(response);
        });
  }

  private ApiResponse decide(PlaceOrderCommand command) {
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
      OrderView view = OrderView.of(created.get());
      events.emit(command.merchant(), EventType.ORDER_CREATED, view.id(), view, now);
      return new ApiResponse(201, Json.write(view));
    }
    Order existing =
        orders
            .findByCart(command.merchant(), command.cartId())
            .orElseThrow(() -> new IllegalStateException("cart conflict without an order"));
    if (!existing.amount().equals(command.amount())) {
      return Json.error(
          new ApiException(
              ErrorCode.CART_ALREADY_ORDERED,
              "Cart "
                  + command.cartId()
                  + " already has order "
                  + existing.id()
                  + " for a different amount or currency.",
              "cart_id"));
    }
    return new ApiResponse(200, Json.write(OrderView.of(existing)));
  }
}
