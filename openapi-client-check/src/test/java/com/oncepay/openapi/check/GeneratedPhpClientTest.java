package com.oncepay.openapi.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PHP client a shop generates from docs/openapi.yaml (openapi-generator's {@code php}
 * generator, run by this module's build) has a model per schema and parses on PHP: {@code php -l}
 * on every file. PHP's generators are where polymorphic schemas break first, so the document keeps
 * them flat.
 */
class GeneratedPhpClientTest {

  private static final Path CLIENT = Path.of("target", "generated-php-client");

  @Test
  void everyGeneratedPhpFileParses() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(CLIENT)) {
      files = walk.filter(p -> p.toString().endsWith(".php")).sorted().toList();
    }
    assertThat(files)
        .extracting(p -> CLIENT.relativize(p).toString())
        .contains(
            "lib/Api/OrdersApi.php",
            "lib/Api/PaymentsApi.php",
            "lib/Model/OrderWithPayments.php",
            "lib/Model/ErrorCode.php");
    for (Path file : files) {
      Process php;
      try {
        php = new ProcessBuilder("php", "-l", file.toString()).redirectErrorStream(true).start();
      } catch (IOException e) {
        throw new AssertionError(
            "php is needed to check the PHP client: apt-get install php-cli"
                + " (.ci/needs-openapi.sh does)",
            e);
      }
      if (!php.waitFor(30, TimeUnit.SECONDS)) {
        php.destroyForcibly();
        fail("php -l " + file + " took more than 30 s");
      }
      String output = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(php.exitValue()).as("php -l " + file + "\n" + output).isZero();
    }
  }
}
