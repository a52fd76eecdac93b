package com.oncepay.sim;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Settles {@code pm_async} charges after {@code async_delay_ms} and announces them by webhook.
 *
 * <p>Settlement is scheduled while the 202 is still being produced, not after it was written, so
 * with a short delay the webhooks can reach the receiver before the API answer does: exactly the
 * race the server's webhook handling must survive.
 */
final class AsyncSettlement {

  private final Executor background;
  private final Ledger ledger;
  private final Knobs knobs;
  private final WebhookDispatcher webhooks;

  AsyncSettlement(Executor background, Ledger ledger, Knobs knobs, WebhookDispatcher webhooks) {
    this.background = background;
    this.ledger = ledger;
    this.knobs = knobs;
    this.webhooks = webhooks;
  }

  void schedule(ChargeRecord charge) {
    long delayMs = knobs.get().asyncDelayMs();
    try {
      background.execute(() -> settleAfter(charge, delayMs));
    } catch (RejectedExecutionException e) {
      // The simulator is closing; the charge stays pending.
    }
  }

  private void settleAfter(ChargeRecord charge, long delayMs) {
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      return; // closing
    }
    // A reset in between dropped the charge: announcing it would confuse whoever reset.
    if (ledger.holds(charge)) {
      webhooks.publish(charge.settle());
    }
  }
}
