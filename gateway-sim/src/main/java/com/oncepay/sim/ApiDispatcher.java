package com.oncepay.sim;

import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Routes a request to its endpoint and answers it. */
final class ApiDispatcher {

  private final SimState state;
  private final ChargeCommands commands;
  private final IdempotentPosts posts;
  private final Outages outages;

  ApiDispatcher(SimState state, ChargeCommands commands, IdempotentPosts posts, Outages outages) {
    this.state = state;
    this.commands = commands;
    this.posts = posts;
    this.outages = outages;
  }

  Reply serve(ApiRequest request) throws InterruptedException {
    if (request.tooLarge()) {
      return new ApiError(413, "request_too_large", "body larger than 1 MiB").reply();
    }
    return switch (Routes.match(request.method(), request.path())) {
      case Routes.NotFound notFound ->
          new ApiError(404, "not_found", "no such path " + request.path()).reply();
      case Routes.MethodNotAllowed notAllowed ->
          new ApiError(
                  405,
                  "method_not_allowed",
                  request.method() + " is not allowed here; allowed: " + notAllowed.allow())
              .reply()
              .withHeader("Allow", notAllowed.allow());
      case Routes.Found found -> {
        try {
          yield endpoint(found, request);
        } catch (Rejection rejection) {
          yield rejection.error().reply();
        }
      }
    };
  }

  private Reply endpoint(Routes.Found found, ApiRequest request) throws InterruptedException {
    String id = found.chargeId();
    if (request.path().startsWith("/v1/")) {
      Reply down = outages.hangIfDown();
      if (down != null) {
        return down;
      }
      // Network and gateway latency: every API call pays it, replays included.
      long latency = state.knobs().latencyMs();
      if (latency > 0) {
        Thread.sleep(latency);
      }
    }
    return switch (found.endpoint()) {
      case CREATE_CHARGE -> posts.handle(request, commands::create);
      case CAPTURE_CHARGE -> posts.handle(request, r -> commands.capture(id, r));
      case VOID_CHARGE -> posts.handle(request, r -> commands.voidAuthorization(id, r));
      case REFUND_CHARGE -> posts.handle(request, r -> commands.refund(id, r));
      case GET_CHARGE ->
          state
              .ledger()
              .find(id)
              .map(charge -> Reply.json(200, charge.snapshot()))
              .orElseGet(() -> ApiError.noSuchCharge(id).reply());
      case LIST_CHARGES -> listByReference(request);
      case LEDGER -> Reply.json(200, Map.of("charges", state.ledger().entries()));
      case GET_KNOBS -> Reply.json(200, state.knobs().get());
      case SET_KNOBS -> Reply.json(200, mergeKnobs(Json.parseObject(request.body())));
      case OUTAGE -> {
        ObjectNode body = Json.parseObject(request.body());
        Outages.Mode mode = Outages.Mode.parse(Json.string(body, "mode"));
        long seconds = Json.positiveLong(body, "seconds");
        outages.start(mode, Duration.ofSeconds(seconds));
        yield Reply.json(200, Map.of("outage", mode.name().toLowerCase(), "seconds", seconds));
      }
      case RESET -> {
        state.reset();
        yield Reply.json(200, Map.of("reset", true));
      }
    };
  }

  private Reply listByReference(ApiRequest request) {
    String reference = request.queryParameter("reference");
    if (reference == null || reference.isEmpty()) {
      throw new Rejection(ApiError.invalidRequest("query parameter reference is required"));
    }
    return Reply.json(200, Map.of("data", state.ledger().byReference(reference)));
  }

  /** Overlays the given knobs on the current ones; unknown names and bad values are a 400. */
  private SimKnobs mergeKnobs(ObjectNode patch) {
    ObjectNode merged = Json.MAPPER.valueToTree(state.knobs().get());
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (!merged.has(field.getKey())) {
        throw new Rejection(ApiError.invalidRequest("unknown knob " + field.getKey()));
      }
      merged.set(field.getKey(), field.getValue());
    }
    SimKnobs knobs;
    try {
      knobs = Json.MAPPER.treeToValue(merged, SimKnobs.class);
    } catch (JacksonException e) {
      throw new Rejection(ApiError.invalidRequest("invalid knobs: " + rootMessage(e)));
    }
    state.knobs().replace(knobs);
    return knobs;
  }

  private static String rootMessage(JacksonException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.getOriginalMessage() : root.getMessage();
  }
}
