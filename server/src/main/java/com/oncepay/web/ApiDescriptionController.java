package com.oncepay.web;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/api-docs}: the OpenAPI description of the API, the bytes of the committed {@code
 * docs/openapi.yaml} (the build copies it into the classes). Outside {@code /v1}, so it needs no
 * API key. Read once at start-up: a jar without it fails to start rather than answer 500 later.
 */
@RestController
class ApiDescriptionController {

  static final String PATH = "/v3/api-docs";
  static final String RESOURCE = "/openapi/openapi.yaml";
  static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private final byte[] description;

  ApiDescriptionController() {
    this.description = read();
  }

  @GetMapping(PATH)
  ResponseEntity<byte[]> description() {
    return ResponseEntity.ok().contentType(YAML).body(description);
  }

  private static byte[] read() {
    try (InputStream in = ApiDescriptionController.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE
                + " is not on the classpath: build the server with Maven, which copies"
                + " docs/openapi.yaml there");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }
}
