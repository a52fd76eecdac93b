package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.LocalGateway;
import com.oncepay.logging.LogFormatSetting;
import com.oncepay.merchant.ApiKeys;
import com.oncepay.merchant.MerchantRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

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
    boolean given = properties.bootstrapApiKey() != null && !properties.bootstrapApiKey().isBlank();
    Path keyFile = properties.home().resolve("api-key");
    String apiKey = given ? properties.bootstrapApiKey() : storedOrNewKey(keyFile);
    merchants.ensure("default", apiKey);
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : -1;
    var environment = event.getApplicationContext().getEnvironment();
    String host = environment.getProperty("server.address", "127.0.0.1");
    String database =
        properties.db().embedded()
            ? "embedded PostgreSQL, data in " + properties.home().resolve("pgdata").toAbsolutePath()
            : withoutQuery(properties.db().url());
    String gateway =
        properties.gateway().url() != null
            ? properties.gateway().url().toString()
            : "in-process simulator at " + localGateway.getObject().baseUrl();
    // The operator's own key is never echoed: stdout is where logs are collected. A generated key
    // is shown in text mode only, so a developer's first ./oncepay serve can be used at once.
    String key = given ? "the one in ONCEPAY_BOOTSTRAP_API_KEY" : "in " + keyFile.toAbsolutePath();
    if (LogFormatSetting.of(environment.getProperty(LogFormatSetting.PROPERTY))
        == LogFormatSetting.Format.JSON) {
      // Every line a JSON object, the announcement too.
      log.info(
          "oncepay is serving on http://{}:{} (API key: {}; database: {}; gateway: {})",
          host,
          port,
          key,
          database,
          gateway);
      return;
    }
    System.out.printf(
        """

        oncepay is serving on http://%s:%d
          API key:  %s
          database: %s
          gateway:  %s

        """,
        host, port, given ? key : apiKey, database, gateway);
  }

  /** A JDBC URL's query may hold a password ({@code ?password=}): it is not shown. */
  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
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
