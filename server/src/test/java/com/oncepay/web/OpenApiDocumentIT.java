package com.oncepay.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The running server against docs/openapi.yaml: it serves the committed file byte for byte, and its
 * routes (Spring MVC's own table of them) are exactly the document's operations, method and path
 * template alike.
 */
class OpenApiDocumentIT extends ApiTestBase {

  /** A path variable whose regex is a list of literals, e.g. {action:capture|void|refunds}. */
  private static final Pattern ALTERNATIVES = Pattern.compile("\\{\\w+:([\\w|]+)}");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void servesTheCommittedFileByteForByteWithoutAnApiKey() throws Exception {
    HttpResponse<byte[]> response;
    try (HttpClient http = HttpClient.newHttpClient()) {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/yaml");
    byte[] committed = OpenApiDocument.bytes();
    // The text first, for a readable difference; then the bytes, which are the promise.
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(committed, StandardCharsets.UTF_8));
    assertThat(response.body()).isEqualTo(committed);
  }

  @Test
  void theServersRoutesAreExactlyTheDocumentsOperations() {
    Set<String> served = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = entry.getKey();
      if (info.getPatternValues().equals(Set.of("/error"))) {
        continue; // Spring Boot's error page for servlet errors, not part of the API
      }
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      assertThat(methods).as("every route names its method: " + info).isNotEmpty();
      for (String pattern : info.getPatternValues()) {
        for (String path : expand(pattern)) {
          methods.forEach(method -> served.add(method.name() + " " + path));
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    OpenApiDocument.load()
        .operations()
        .forEach(op -> documented.add(op.method().toUpperCase(Locale.ROOT) + " " + op.path()));

    assertThat(served).as("routes of the server").isNotEmpty().isEqualTo(documented);
  }

  /**
   * Spring's template as OpenAPI paths: a variable constrained to literals becomes one path per
   * literal; any other regex would need a decision in the document, so it fails here.
   */
  private static Set<String> expand(String pattern) {
    Matcher matcher = ALTERNATIVES.matcher(pattern);
    if (!matcher.find()) {
      assertThat(pattern).as("path variable with a regex").doesNotContain(":");
      return Set.of(pattern);
    }
    Set<String> paths = new TreeSet<>();
    for (String literal : matcher.group(1).split("\\|")) {
      String one =
          pattern.substring(0, matcher.start()) + literal + pattern.substring(matcher.end());
      paths.addAll(expand(one));
    }
    return paths;
  }
}
