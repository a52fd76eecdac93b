package com.oncepay.liveness;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LivenessConfig {

  @Bean
  InstanceId instanceId() {
    return InstanceId.create();
  }
}
