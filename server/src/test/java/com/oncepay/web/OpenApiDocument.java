package com.oncepay.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The committed {@code docs/openapi.yaml}, parsed, with the few look-ups the tests need:
 * operations, local {@code $ref}s resolved, and the error codes each response names (its examples
 * are keyed by code).
 */
final class OpenApiDocument {

  /** Tests run in the server module's directory; the document lives in the repository's docs. */
  static final Path FILE = Path.of("..", "docs", "openapi.yaml");

  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private final Map<String, Object> root;

  private OpenApiDocument(Map<String, Object> root) {
    this.root = root;
  }

  static byte[] bytes() {
    try {
      return Files.readAllBytes(FILE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FILE.toAbsolutePath(), e);
    }
  }

  static OpenApiDocument load() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Map<String, Object> root =
        new Yaml(new SafeConstructor(options))
            .load(new String(bytes(), java.nio.charset.StandardCharsets.UTF_8));
    return new OpenApiDocument(root);
  }

  Map<String, Object> root() {
    return root;
  }

  record Operation(String method, String path, Map<String, Object> node) {
    String name() {
      return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    map(root, "paths")
        .forEach(
            (path, item) ->
                asMap(item)
                    .forEach(
                        (method, node) -> {
                          if (METHODS.contains(method)) {
                            operations.add(new Operation(method, path, asMap(node)));
                          }
                        }));
    return operations;
  }

  Map<String, Object> schema(String name) {
    return map(map(map(root, "components"), "schemas"), name);
  }

  /** The node itself, or what its {@code $ref} (a local {@code #/...} pointer) points to. */
  Map<String, Object> resolve(Object node) {
    Map<String, Object> map = asMap(node);
    Object ref = map.get("$ref");
    if (ref == null) {
      return map;
    }
    String pointer = (String) ref;
    if (!pointer.startsWith("#/")) {
      throw new AssertionError("only local references are expected: " + pointer);
    }
    Object target = root;
    for (String part : pointer.substring(2).split("/")) {
      target = asMap(target).get(part.replace("~1", "/").replace("~0", "~"));
      if (target == null) {
        throw new AssertionError("dangling reference " + pointer);
      }
    }
    return resolve(target);
  }

  /** Status (as written, e.g. "409") to the response object, references resolved. */
  Map<String, Map<String, Object>> responses(Operation operation) {
    Map<String, Map<String, Object>> responses = new LinkedHashMap<>();
    map(operation.node(), "responses")
        .forEach((status, response) -> responses.put(status, resolve(response)));
    return responses;
  }

  /** Example name to example value, references resolved, of a response's JSON content. */
  Map<String, Map<String, Object>> examples(Map<String, Object> response) {
    Map<String, Map<String, Object>> examples = new LinkedHashMap<>();
    Object content = response.get("content");
    if (content == null) {
      return examples;
    }
    Object json = asMap(content).get("application/json");
    if (json == null || asMap(json).get("examples") == null) {
      return examples;
    }
    map(asMap(json), "examples")
        .forEach((name, example) -> examples.put(name, map(resolve(example), "value")));
    return examples;
  }

  /** The parameters of an operation, references resolved. */
  List<Map<String, Object>> parameters(Operation operation) {
    Object parameters = operation.node().get("parameters");
    if (parameters == null) {
      return List.of();
    }
    return ((List<?>) parameters).stream().map(this::resolve).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new AssertionError("expected a mapping, found " + node);
    }
    return (Map<String, Object>) map;
  }

  static Map<String, Object> map(Map<String, Object> node, String key) {
    Object value = node.get(key);
    if (value == null) {
      throw new AssertionError("missing " + key + " in " + node.keySet());
    }
    return asMap(value);
  }
}
