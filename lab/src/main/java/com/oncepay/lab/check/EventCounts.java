package com.oncepay.lab.check;

/**
 * How many webhooks about a scenario's objects the receiver accepted.
 *
 * @param deliveries every accepted POST, redeliveries included
 * @param events distinct event ids among them
 */
public record EventCounts(long deliveries, long events) {}
