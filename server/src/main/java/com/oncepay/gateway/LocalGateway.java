package com.oncepay.gateway;

import java.net.URI;

/**
 * A gateway started inside this process because none was configured: the simulator, wired in by the
 * {@code app} assembly for {@code ./oncepay serve}. The service itself only ever talks to it over
 * HTTP through an adapter, exactly as to a gateway elsewhere.
 */
public interface LocalGateway extends AutoCloseable {

  URI baseUrl();

  /** Where its webhooks go, once this server's port is known (it may be a random one). */
  void sendWebhooksTo(URI url);

  @Override
  void close();
}
