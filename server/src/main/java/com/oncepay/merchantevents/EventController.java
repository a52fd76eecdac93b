package com.oncepay.merchantevents;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.merchant.MerchantId;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.Responses;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The merchant's events and each event's delivery log. Another merchant's events answer 404. */
@RestController
class EventController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final EventStore events;
  private final DeliveryLog deliveries;

  EventController(EventStore events, DeliveryLog deliveries) {
    this.events = events;
    this.deliveries = deliveries;
  }

  @GetMapping("/v1/events")
  ResponseEntity<byte[]> list(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @RequestParam(name = "limit", required = false) String limit) {
    int n = parseLimit(limit);
    // One more than asked tells whether there is more, without a count query.
    List<StoredEvent> found = events.latest(merchant, n + 1);
    List<EventView> page = found.stream().limit(n).map(EventView::of).toList();
    return Responses.ok(new EventList("list", page, found.size() > n));
  }

  @GetMapping("/v1/events/{eventId}")
  ResponseEntity<byte[]> get(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String eventId) {
    return Responses.ok(EventView.of(find(merchant, eventId)));
  }

  @GetMapping("/v1/events/{eventId}/deliveries")
  ResponseEntity<byte[]> deliveries(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @PathVariable String eventId) {
    StoredEvent event = find(merchant, eventId);
    List<DeliveryView> attempts = deliveries.of(event.id()).stream().map(DeliveryView::of).toList();
    return Responses.ok(new DeliveryList("list", attempts));
  }

  private StoredEvent find(MerchantId merchant, String eventId) {
    return EventId.parse(eventId)
        .flatMap(id -> events.find(merchant, id))
        .orElseThrow(() -> new OncepayException(ErrorCode.NOT_FOUND, "No such event: " + eventId));
  }

  private static int parseLimit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw new OncepayException(
        ErrorCode.PARAMETER_INVALID,
        "limit must be an integer from 1 to " + MAX_LIMIT + ".",
        "limit");
  }

  record EventList(String object, List<EventView> data, boolean hasMore) {}

  record DeliveryList(String object, List<DeliveryView> data) {}
}
