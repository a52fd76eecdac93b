package com.oncepay.sim;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a simulator.
 *
 * @param host interface to bind, 127.0.0.1 unless told otherwise
 * @param port 0 picks a free port
 * @param webhookUrl where async payment events are POSTed, or null to send none
 * @param webhookSecret HMAC secret of the {@code Sim-Signature} header
 * @param initialKnobs knobs at start-up and after a reset
 */
public record SimSettings(
    String host,
    int port,
    URI webhookUrl,
    String webhookSecret,
    SimKnobs initialKnobs,
    Path dataDir) {

  /** Development-only secret, used when none is configured; printed by the standalone runner. */
  public static final String DEV_WEBHOOK_SECRET = "whsec_oncepay_sim_dev_only";

  public SimSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (webhookSecret == null || webhookSecret.isBlank()) {
      throw new IllegalArgumentException("webhook secret must not be blank");
    }
    Objects.requireNonNull(initialKnobs, "initialKnobs");
  }

  /** Without a data directory: everything in memory, forgotten on exit. */
  public SimSettings(
      String host, int port, URI webhookUrl, String webhookSecret, SimKnobs initialKnobs) {
    this(host, port, webhookUrl, webhookSecret, initialKnobs, null);
  }

  /** 127.0.0.1, a free port, no webhooks, the dev secret, default knobs. */
  public static SimSettings defaults() {
    return new SimSettings("127.0.0.1", 0, null, DEV_WEBHOOK_SECRET, SimKnobs.defaults());
  }

  public SimSettings withHost(String newHost) {
    return new SimSettings(newHost, port, webhookUrl, webhookSecret, initialKnobs, dataDir);
  }

  public SimSettings withPort(int newPort) {
    return new SimSettings(host, newPort, webhookUrl, webhookSecret, initialKnobs, dataDir);
  }

  public SimSettings withWebhook(URI url, String secret) {
    return new SimSettings(host, port, url, secret, initialKnobs, dataDir);
  }

  public SimSettings withKnobs(SimKnobs knobs) {
    return new SimSettings(host, port, webhookUrl, webhookSecret, knobs, dataDir);
  }

  /**
   * Keeps the ledger and the idempotency records in {@code directory}, so a restarted simulator
   * still knows every charge and answers every key as before, as a real gateway does.
   */
  public SimSettings withDataDir(Path directory) {
    return new SimSettings(host, port, webhookUrl, webhookSecret, initialKnobs, directory);
  }
}
