package com.oncepay.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * A gateway that is down for a while, two ways: {@code refuse} closes the listening socket (new
 * connections are refused, as when the gateway's process or load balancer is gone), {@code hang}
 * keeps accepting but answers no {@code /v1} call until the outage ends (as a gateway that stalls),
 * and then answers 503 without having processed it. {@code /sim/*} keeps answering in hang mode.
 */
final class Outages {

  enum Mode {
    REFUSE,
    HANG;

    static Mode parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new Rejection(ApiError.invalidRequest("mode must be refuse or hang"));
      }
    }
  }

  /** What the simulator does to stop and start listening (refuse mode). */
  interface Listener {
    void closeFor(Duration outage);
  }

  private final Listener listener;
  private volatile long hangUntilNanos;

  Outages(Listener listener) {
    this.listener = listener;
  }

  void start(Mode mode, Duration length) {
    switch (mode) {
      case REFUSE -> listener.closeFor(length);
      case HANG -> hangUntilNanos = System.nanoTime() + length.toNanos();
    }
  }

  /**
   * For a {@code /v1} call arriving during a hang: waits out the outage and answers 503; nothing
   * was processed, so a retry with the same key is a first attempt.
   */
  Reply hangIfDown() throws InterruptedException {
    long left = hangUntilNanos - System.nanoTime();
    if (left <= 0) {
      return null;
    }
    Thread.sleep(Duration.ofNanos(left));
    return new ApiError(503, "gateway_unavailable", "the gateway was down").reply();
  }
}
