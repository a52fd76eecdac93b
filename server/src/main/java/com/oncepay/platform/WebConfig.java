package com.oncepay.platform;

import com.oncepay.admission.Admission;
import com.oncepay.config.OncepayProperties;
import com.oncepay.web.AdmissionFilter;
import com.oncepay.web.ApiHeadersFilter;
import com.oncepay.web.BodyLimitFilter;
import com.oncepay.web.InFlightLimitFilter;
import com.oncepay.web.JsonErrorReportValve;
import com.oncepay.web.PathGuardFilter;
import com.oncepay.web.RateLimitFilter;
import com.oncepay.web.RequestIdFilter;
import com.oncepay.web.RequestMetricsFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Outermost of ours, so it times and counts what the others answer too. */
  @Bean
  FilterRegistrationBean<RequestMetricsFilter> requestMetricsFilter(MeterRegistry meters) {
    var registration = new FilterRegistrationBean<>(new RequestMetricsFilter(meters));
    registration.addUrlPatterns("/*");
    registration.setOrder(-1);
    return registration;
  }

  /** Never-cached answers, and a request's single headers checked before anyone reads them. */
  @Bean
  FilterRegistrationBean<ApiHeadersFilter> apiHeadersFilter() {
    var registration = new FilterRegistrationBean<>(new ApiHeadersFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(0);
    return registration;
  }

  /** Before the others, so the answers they write carry the request id too. */
  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
    var registration = new FilterRegistrationBean<>(new RequestIdFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(0);
    return registration;
  }

  /** Sheds API requests past the in-flight bound before they cost anything. */
  @Bean
  FilterRegistrationBean<InFlightLimitFilter> inFlightLimitFilter(
      OncepayProperties properties, MeterRegistry meters) {
    var registration =
        new FilterRegistrationBean<>(
            new InFlightLimitFilter(properties.limits().maxInFlight(), meters));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(1);
    return registration;
  }

  /** After authentication: the bucket is the key's merchant's. */
  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(OncepayProperties properties) {
    var registration = new FilterRegistrationBean<>(new RateLimitFilter(properties.limits()));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(4);
    return registration;
  }

  /** One bound per instance on the API requests running at once (at most the pool's size). */
  @Bean
  Admission admission(OncepayProperties properties, MeterRegistry meters) {
    return new Admission(
        properties.limits().maxRunningFor(properties.db().poolSize()),
        properties.limits().admissionWait(),
        meters);
  }

  /** Last of ours: a request refused by authentication or its rate never waits for a slot. */
  @Bean
  FilterRegistrationBean<AdmissionFilter> admissionFilter(Admission admission) {
    var registration = new FilterRegistrationBean<>(new AdmissionFilter(admission));
    registration.addUrlPatterns("/v1/*");
    registration.setOrder(5);
    return registration;
  }

  /** Before authentication, so the auth filter and the router see the same, canonical path. */
  @Bean
  FilterRegistrationBean<PathGuardFilter> pathGuardFilter() {
    var registration = new FilterRegistrationBean<>(new PathGuardFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(1);
    return registration;
  }

  /** One limit for every path, method and content type, before authentication reads anything. */
  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(OncepayProperties properties) {
    var registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodyBytes()));
    registration.addUrlPatterns("/*");
    registration.setOrder(2);
    return registration;
  }

  /**
   * Tomcat's own error answers (a URI it cannot decode, headers too large) as oncepay's error
   * object: the host's error report valve is ours.
   */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
              }
            });
  }
}
