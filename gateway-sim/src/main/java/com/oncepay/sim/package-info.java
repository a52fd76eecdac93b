/**
 * A real HTTP fake payment gateway: scenario payment methods, latency and fault knobs, its own
 * idempotency handling, signed webhooks and a ledger of every charge.
 *
 * <p>The simulator is the referee of the race lab: its ledger is the ground truth for "charged at
 * most once" and "money adds up", so its own idempotency and per-charge state changes must be
 * correct under any concurrency. Public surface: {@link com.oncepay.sim.GatewaySimulator}, its
 * settings and knobs, the ledger value types and {@link com.oncepay.sim.WebhookSignature}; the rest
 * is package-private.
 */
package com.oncepay.sim;
