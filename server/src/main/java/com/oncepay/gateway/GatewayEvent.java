package com.oncepay.gateway;

/**
 * A gateway webhook, verified and read by its adapter: what the gateway says a charge's
 * authorization came to. {@code reference} is our payment id as we sent it; {@code outcome} is the
 * charge's state in our terms (the adapter's converter decides that, nobody else).
 */
public record GatewayEvent(
    String gateway,
    String eventId,
    String type,
    String chargeId,
    String reference,
    String chargeStatus,
    GatewayResult outcome) {}
