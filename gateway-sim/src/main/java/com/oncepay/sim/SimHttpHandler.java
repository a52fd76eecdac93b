package com.oncepay.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;

/** Adapts the JDK HTTP server to the dispatcher: read the request whole, answer, close. */
final class SimHttpHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(SimHttpHandler.class.getName());

  private final ApiDispatcher dispatcher;

  SimHttpHandler(ApiDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      Reply reply;
      try {
        reply = dispatcher.serve(ApiRequest.read(exchange));
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "simulator bug answering " + exchange.getRequestURI(), e);
        reply = new ApiError(500, "internal_error", "simulator bug: " + e).reply();
      }
      write(exchange, reply);
    } catch (InterruptedException e) {
      // The simulator is closing while this request slept (latency, pm_slow, a hang): drop it.
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away, typically after giving up on a simulated hang. Nothing to do.
    } finally {
      exchange.close();
    }
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json");
    reply.headers().forEach(headers::set);
    exchange.sendResponseHeaders(
        reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply.body());
    }
  }
}
