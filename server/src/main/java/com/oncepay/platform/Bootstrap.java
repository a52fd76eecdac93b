package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.LocalGateway;
import com.oncepay.merchant.ApiKeys;
import com.oncepay.merchant.MerchantRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure a merchant exists to call the API with, and says where to call it. Without
 * ONCEPAY_BOOTSTRAP_API_KEY the key is generated once and kept in the oncepay home, so a restart
 * keeps working with the key already in a shop's configuration.
 */
@Component
class Bootstrap {

  private final OncepayProperties properties;
  private final MerchantRepository merchants;
  private final ObjectProvider<LocalGateway> localGateway;

  Bootstrap(
      OncepayProperties properties,
      MerchantRepository merchants,
      ObjectProvider<LocalGateway> localGateway) {
    this.properties = properties;
    this.merchants = merchants;
    this.localGateway = localGateway;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    String apiKey =
        properties.bootstrapApiKey() != null && !properties.bootstrapApiKey().isBlank()
            ? properties.bootstrapApiKey()
            : storedOrNewKey(properties.home().resolve("api-key"));
    merchants.ensure("default", apiKey);
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : -1;
    String host =
        event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
    System.out.printf(
        """

        oncepay is serving on http://%s:%d
          API key:  %s
          database: %s
          gateway:  %s

        """,
        host,
        port,
        apiKey,
        properties.db().embedded()
            ? "embedded PostgreSQL, data in " + properties.home().resolve("pgdata").toAbsolutePath()
            : properties.db().url(),
        properties.gateway().url() != null
            ? properties.gateway().url()
            : "in-process simulator at " + localGateway.getObject().baseUrl());
  }

  private static String storedOrNewKey(Path file) {
    try {
      if (Files.exists(file)) {
        String key = Files.readString(file).strip();
        if (!key.isEmpty()) {
          return key;
        }
      }
      Files.createDirectories(file.getParent());
      String key = ApiKeys.generate();
      Files.writeString(file, key + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the API key in " + file, e);
    }
  }
}
