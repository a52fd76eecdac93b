package com.oncepay.gateway;

import com.oncepay.config.OncepayProperties;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway adapter, pointed at {@code ONCEPAY_GATEWAY_URL} or, when unset, at a simulator
 * started in this process on a free local port. Either way the adapter speaks real HTTP.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfig {

  /** Present only when no external gateway is configured. */
  @Bean(destroyMethod = "close")
  InProcessSimulator inProcessSimulator(OncepayProperties properties) {
    if (properties.gateway().url() != null) {
      return new InProcessSimulator(null);
    }
    return new InProcessSimulator(
        GatewaySimulator.start(
            SimSettings.defaults()
                .withWebhook(null, properties.gateway().webhookSecrets().getFirst())));
  }

  @Bean
  PaymentGateway paymentGateway(
      OncepayProperties properties,
      InProcessSimulator simulator,
      ObjectProvider<MeterRegistry> meters) {
    var gateway = properties.gateway();
    URI url = gateway.url() != null ? gateway.url() : simulator.simulator().baseUrl();
    return new SimGatewayAdapter(
        url,
        gateway.connectTimeout(),
        gateway.readTimeout(),
        gateway.maxAttempts(),
        meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
  }
}
