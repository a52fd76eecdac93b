package com.oncepay.gateway.sim;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.GatewayWebhooks;
import com.oncepay.gateway.LocalGateway;
import com.oncepay.gateway.PaymentGateway;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The simulator adapter, pointed at {@code ONCEPAY_GATEWAY_URL} or, when unset, at the {@link
 * LocalGateway} the assembly started in this process. Another gateway is another package like this
 * one: a configuration, a {@link PaymentGateway} and a {@link GatewayWebhooks}; no use case
 * changes.
 */
@Configuration(proxyBeanMethods = false)
class SimGatewayConfig {

  @Bean
  PaymentGateway paymentGateway(
      OncepayProperties properties, ObjectProvider<LocalGateway> local, MeterRegistry meters) {
    var gateway = properties.gateway();
    return new SimGatewayAdapter(baseUrl(gateway, local), gateway, meters);
  }

  @Bean
  GatewayWebhooks simWebhooks(OncepayProperties properties) {
    var gateway = properties.gateway();
    return new SimWebhooks(gateway.webhookSecrets(), gateway.webhookTolerance().toSeconds());
  }

  private static URI baseUrl(
      OncepayProperties.Gateway gateway, ObjectProvider<LocalGateway> local) {
    if (gateway.url() != null) {
      return gateway.url();
    }
    LocalGateway started = local.getIfAvailable();
    if (started == null) {
      throw new IllegalStateException(
          "ONCEPAY_GATEWAY_URL is not set and this build starts no gateway of its own: set"
              + " ONCEPAY_GATEWAY_URL to your gateway, or run the oncepay app jar (./oncepay"
              + " serve), which starts the simulator in-process");
    }
    return started.baseUrl();
  }
}
