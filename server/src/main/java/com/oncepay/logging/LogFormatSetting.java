package com.oncepay.logging;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code ONCEPAY_LOG_FORMAT} ({@code oncepay.log.format}): {@code text}, the default, or {@code
 * json}, one Elastic Common Schema object a line. Read before logging starts (an environment post
 * processor, registered in META-INF/spring.factories), because Spring Boot configures logging from
 * the environment before any bean exists; application.yml maps the result onto Spring Boot's {@code
 * logging.structured.format.console}.
 *
 * <p>Any other value stops start-up with a message that says what to fix, instead of silently
 * logging in a format a log collector cannot read.
 */
public final class LogFormatSetting implements EnvironmentPostProcessor {

  public static final String PROPERTY = "oncepay.log.format";

  /** What application.yml feeds to {@code logging.structured.format.console}. */
  static final String STRUCTURED_FORMAT_PROPERTY = "oncepay.log.structured-format";

  /** Spring Boot's name for Elastic Common Schema. */
  static final String ECS = "ecs";

  public enum Format {
    TEXT,
    JSON
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (of(environment.getProperty(PROPERTY)) == Format.JSON) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "oncepayLogFormat", Map.<String, Object>of(STRUCTURED_FORMAT_PROPERTY, ECS)));
    }
  }

  /** The format a setting names; null or blank is the default, text. */
  public static Format of(String setting) {
    if (setting == null || setting.isBlank()) {
      return Format.TEXT;
    }
    return switch (setting.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default ->
          throw new IllegalArgumentException(
              "ONCEPAY_LOG_FORMAT="
                  + setting
                  + " is unknown; use text (the default) or json (one Elastic Common Schema"
                  + " object a line)");
    };
  }
}
