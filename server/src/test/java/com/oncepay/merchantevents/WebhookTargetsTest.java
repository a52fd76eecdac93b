package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

  private final WebhookTargets production = new WebhookTargets(List.of(), false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/actuator/health",
        "http://2130706433:1/",
        "http://127.1/",
        "http://localhost:9/",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[fc00::1]/",
        "http://[fe80::1]/",
        "http://224.0.0.1/",
        "http://255.255.255.255/"
      })
  void internalAddressesAreRefused(String url) {
    assertThat(production.refusalToStore(URI.create(url))).isPresent();
    assertThat(production.refusalToSend(URI.create(url))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"https://93.184.216.34/hooks", "http://8.8.8.8:8080/", "http://[2606:4700::1]/"})
  void publicAddressesAreNot(String url) {
    assertThat(production.refusalToSend(URI.create(url))).isEmpty();
  }

  @Test
  void anUnresolvableHostMayBeStoredButNothingIsSentToIt() {
    URI later = URI.create("https://shop.invalid/hooks");
    assertThat(production.refusalToStore(later)).isEmpty();
    assertThat(production.refusalToSend(later)).get().asString().contains("does not resolve");
  }

  @Test
  void allowedNetworksLetTheirAddressesThrough() {
    WebhookTargets lab = new WebhookTargets(List.of("127.0.0.0/8", "10.20.0.0/16"), false);
    assertThat(lab.refusalToSend(URI.create("http://127.0.0.1:9/"))).isEmpty();
    assertThat(lab.refusalToSend(URI.create("http://10.20.3.4/"))).isEmpty();
    assertThat(lab.refusalToSend(URI.create("http://10.21.3.4/"))).isPresent();
    assertThat(lab.refusalToSend(URI.create("http://[::1]/"))).isPresent();
  }

  @Test
  void developmentAllowsLoopbackOnly() {
    WebhookTargets dev = new WebhookTargets(List.of(), true);
    assertThat(dev.refusalToSend(URI.create("http://127.0.0.1:9/"))).isEmpty();
    assertThat(dev.refusalToSend(URI.create("http://[::1]:9/"))).isEmpty();
    assertThat(dev.refusalToSend(URI.create("http://192.168.0.1/"))).isPresent();
  }

  @Test
  void aBadNetworkSettingIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new WebhookTargets(List.of("example.com/8"), false))
        .hasMessageContaining("ONCEPAY_WEBHOOKS_ALLOWED_NETWORKS");
    assertThatThrownBy(() -> new WebhookTargets(List.of("10.0.0.0/33"), false))
        .hasMessageContaining("not an address block");
  }
}
