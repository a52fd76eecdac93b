package com.oncepay.merchantevents;

/**
 * Renders the object an event is about (an order, a payment, a refund) exactly as the API shows it,
 * for the event's {@code data.object}. Implemented at the web edge, so events and API answers can
 * never show an object two ways.
 */
@FunctionalInterface
public interface EventObjectRenderer {

  /** The object's API JSON. */
  byte[] render(Object subject);
}
