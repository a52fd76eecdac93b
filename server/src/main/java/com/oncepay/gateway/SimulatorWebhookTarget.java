package com.oncepay.gateway;

import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Points the in-process simulator's webhooks at this server once its port is known (it may be a
 * random one), so async payments settle through the real signed-webhook path.
 */
@Component
class SimulatorWebhookTarget {

  private final InProcessSimulator simulator;

  SimulatorWebhookTarget(InProcessSimulator simulator) {
    this.simulator = simulator;
  }

  @EventListener
  void serverStarted(WebServerInitializedEvent event) {
    if (simulator.running()) {
      simulator
          .simulator()
          .webhookUrl(
              URI.create(
                  "http://127.0.0.1:" + event.getWebServer().getPort() + "/v1/webhooks/sim"));
    }
  }
}
