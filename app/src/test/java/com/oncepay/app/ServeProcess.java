package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** {@code java -jar oncepay.jar serve} as its own process, the way a user runs it. */
final class ServeProcess {

  private ServeProcess() {}

  /** Starts the packaged jar with {@code env} and waits until it answers health checks. */
  static Process start(Map<String, String> env, Api api, Path log) throws IOException {
    Path jar = Path.of("target", "oncepay.jar").toAbsolutePath();
    assertThat(Files.exists(jar)).as("the packaged app " + jar).isTrue();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "serve")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    if (env.containsKey("ONCEPAY_GATEWAY_URL")) {
      // An external gateway needs a secret of its own (the development one is refused); these
      // tests' simulators send no webhooks.
      builder.environment().putIfAbsent("ONCEPAY_GATEWAY_WEBHOOK_SECRETS", "whsec_test_app_only");
    }
    Process process = builder.start();
    try {
      Await.until(
          Duration.ofSeconds(120),
          "the server to answer",
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError("serve exited with " + process.exitValue());
            }
            try {
              return api.get("/actuator/health").status() == 200;
            } catch (IllegalStateException notYet) {
              return false;
            }
          });
    } catch (RuntimeException | AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
  }

  static int freePort() {
    return com.oncepay.testsupport.LocalPorts.free();
  }

  /**
   * The environment of one instance of several sharing {@code db}: its own port and home, the one
   * gateway, the one API key. Mutable, for a test's additions.
   */
  static Map<String, String> instanceEnv(
      int port, String db, java.net.URI gateway, String apiKey, Path home) {
    return new java.util.HashMap<>(
        Map.of(
            "ONCEPAY_PORT", Integer.toString(port),
            "ONCEPAY_DB_URL", db,
            "ONCEPAY_DB_USER", com.oncepay.testsupport.TestPostgres.user(),
            "ONCEPAY_GATEWAY_URL", gateway.toString(),
            "ONCEPAY_BOOTSTRAP_API_KEY", apiKey,
            "ONCEPAY_HOME", home.toString()));
  }
}
