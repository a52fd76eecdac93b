package com.oncepay.app;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.LocalGateway;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The zero-configuration gateway of {@code ./oncepay serve}: with no {@code ONCEPAY_GATEWAY_URL},
 * the simulator runs in this process on a free local port, and its signed webhooks come back to
 * this server's own {@code /v1/webhooks/sim}, so async payments settle through the real path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${oncepay.gateway.url:}' == ''")
class InProcessSimulator {

  @Bean(destroyMethod = "close")
  LocalGateway localGateway(OncepayProperties properties) {
    GatewaySimulator simulator =
        GatewaySimulator.start(
            SimSettings.defaults()
                .withWebhook(null, properties.gateway().webhookSecrets().getFirst()));
    return new Started(simulator);
  }

  @Bean
  WebhookTarget webhookTarget(LocalGateway gateway) {
    return new WebhookTarget(gateway);
  }

  record Started(GatewaySimulator simulator) implements LocalGateway {
    @Override
    public URI baseUrl() {
      return simulator.baseUrl();
    }

    @Override
    public void sendWebhooksTo(URI url) {
      simulator.webhookUrl(url);
    }

    @Override
    public void close() {
      simulator.close();
    }
  }

  /** Points the simulator's webhooks at this server once its port is known. */
  record WebhookTarget(LocalGateway gateway) {
    @EventListener
    public void serverStarted(WebServerInitializedEvent event) {
      gateway.sendWebhooksTo(
          URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + "/v1/webhooks/sim"));
    }
  }
}
