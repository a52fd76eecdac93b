package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.LocalGateway;
import com.oncepay.logging.LogFormatSetting;
import com.oncepay.merchant.ApiKeys;
import com.oncepay.merchant.ApplyBootstrapKey;
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
 * keeps working with the key already in a shop's configuration. A changed key replaces the
 * bootstrap merchant's key (merchant.ApplyBootstrapKey): never a second merchant, never two keys.
 */
@Component
class Bootstrap {

  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private final OncepayProperties properties;
  private final ApplyBootstrapKey bootstrapKey;
  private final ObjectProvider<LocalGateway> localGateway;

  Bootstrap(
      OncepayProperties properties,
      ApplyBootstrapKey bootstrapKey,
      ObjectProvider<LocalGateway> localGateway) {
    this.properties = properties;
    this.bootstrapKey = bootstrapKey;
    this.localGateway = localGateway;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    boolean given = properties.bootstrapApiKey() != null && !properties.bootstrapApiKey().isBlank();
    Path keyFile = properties.home().resolve("api-key");
    String apiKey = given ? properties.bootstrapApiKey() : storedOrNewKey(keyFile);
    report(bootstrapKey.apply(apiKey), given);
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

  /** What became of the bootstrap key, in words that never include it. */
  private static void report(ApplyBootstrapKey.Outcome outcome, boolean given) {
    String source = given ? "ONCEPAY_BOOTSTRAP_API_KEY" : "the generated API key";
    switch (outcome) {
      case ApplyBootstrapKey.Outcome.Current _ -> {}
      case ApplyBootstrapKey.Outcome.Replaced r when r.revoked() > 0 ->
          log.warn(
              "{} is new: it replaces the bootstrap merchant's previous key ({} revoked, see the"
                  + " audit log); clients still using the old key now get 401",
              source,
              r.revoked());
      case ApplyBootstrapKey.Outcome.Replaced _ -> {}
      case ApplyBootstrapKey.Outcome.Revoked _ ->
          log.warn(
              "{} was revoked by an operator and stays revoked: it does not authenticate. Issue a"
                  + " key through the operator API, or set a new ONCEPAY_BOOTSTRAP_API_KEY",
              source);
    }
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
