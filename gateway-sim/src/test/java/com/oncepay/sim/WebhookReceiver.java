package com.oncepay.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny webhook endpoint that records what it receives; can refuse the first N deliveries. */
final class WebhookReceiver implements AutoCloseable {

  /** One accepted delivery: raw body and signature header. */
  record Delivery(byte[] body, String signature) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final BlockingQueue<Delivery> accepted = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft;
  private final AtomicInteger refused = new AtomicInteger();

  WebhookReceiver(int failFirst) {
    failuresLeft = new AtomicInteger(failFirst);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean fail = failuresLeft.getAndDecrement() > 0;
          if (fail) {
            refused.incrementAndGet();
          } else {
            accepted.add(
                new Delivery(body, exchange.getRequestHeaders().getFirst("Sim-Signature")));
          }
          exchange.sendResponseHeaders(fail ? 503 : 200, -1);
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  int refused() {
    return refused.get();
  }

  /** Waits for {@code count} accepted deliveries, failing when they do not come in time. */
  List<Delivery> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Delivery> received = new ArrayList<>();
    while (received.size() < count) {
      Delivery next = accepted.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError(
            "received " + received.size() + " of " + count + " webhooks in " + timeout);
      }
      received.add(next);
    }
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
