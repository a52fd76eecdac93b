package com.oncepay.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Maps a method and path to an endpoint; the whole HTTP surface is listed here. */
final class Routes {

  enum Endpoint {
    CREATE_CHARGE,
    LIST_CHARGES,
    GET_CHARGE,
    CAPTURE_CHARGE,
    VOID_CHARGE,
    REFUND_CHARGE,
    LEDGER,
    GET_KNOBS,
    SET_KNOBS,
    OUTAGE,
    RESET
  }

  sealed interface Match {}

  /**
   * @param chargeId the {@code {id}} path segment, or null for paths without one
   */
  record Found(Endpoint endpoint, String chargeId) implements Match {}

  record NotFound() implements Match {}

  record MethodNotAllowed(String allow) implements Match {}

  private record Resource(String template, Map<String, Endpoint> byMethod) {}

  private static final List<Resource> RESOURCES =
      List.of(
          new Resource(
              "/v1/charges", Map.of("POST", Endpoint.CREATE_CHARGE, "GET", Endpoint.LIST_CHARGES)),
          new Resource("/v1/charges/{id}", Map.of("GET", Endpoint.GET_CHARGE)),
          new Resource("/v1/charges/{id}/capture", Map.of("POST", Endpoint.CAPTURE_CHARGE)),
          new Resource("/v1/charges/{id}/void", Map.of("POST", Endpoint.VOID_CHARGE)),
          new Resource("/v1/charges/{id}/refunds", Map.of("POST", Endpoint.REFUND_CHARGE)),
          new Resource("/sim/ledger", Map.of("GET", Endpoint.LEDGER)),
          new Resource("/sim/knobs", Map.of("GET", Endpoint.GET_KNOBS, "POST", Endpoint.SET_KNOBS)),
          new Resource("/sim/reset", Map.of("POST", Endpoint.RESET)),
          new Resource("/sim/outage", Map.of("POST", Endpoint.OUTAGE)));

  private Routes() {}

  static Match match(String method, String path) {
    String[] segments = path.split("/", -1);
    for (Resource resource : RESOURCES) {
      String[] template = resource.template().split("/", -1);
      if (template.length != segments.length) {
        continue;
      }
      String chargeId = null;
      boolean matches = true;
      for (int i = 0; i < template.length && matches; i++) {
        if (template[i].equals("{id}")) {
          chargeId = segments[i];
          matches = !chargeId.isEmpty();
        } else {
          matches = template[i].equals(segments[i]);
        }
      }
      if (!matches) {
        continue;
      }
      Endpoint endpoint = resource.byMethod().get(method);
      if (endpoint == null) {
        return new MethodNotAllowed(String.join(", ", new TreeMap<>(resource.byMethod()).keySet()));
      }
      return new Found(endpoint, chargeId);
    }
    return new NotFound();
  }
}
