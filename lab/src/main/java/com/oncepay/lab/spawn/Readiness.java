package com.oncepay.lab.spawn;

import com.oncepay.lab.load.LabConnectionException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits, bounded, until a child is ready; a child that dies meanwhile fails at once. */
final class Readiness {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Readiness() {}

  /** Until {@code ready} holds; throws with the end of the child's log when it never does. */
  static void await(ChildProcess child, Duration limit, String what, BooleanSupplier ready) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (child != null && !child.isAlive()) {
        throw new LabConnectionException(
            "the spawned "
                + what
                + " exited before it was ready; end of its log ("
                + child.log()
                + "):\n"
                + Logs.tail(child.log(), 30));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(POLL.toNanos());
      if (Thread.currentThread().isInterrupted()) {
        throw new LabConnectionException("interrupted while waiting for the " + what);
      }
    }
    throw new LabConnectionException(
        "the spawned "
            + what
            + " was not ready within "
            + limit.toSeconds()
            + " s"
            + (child == null
                ? ""
                : "; end of its log (" + child.log() + "):\n" + Logs.tail(child.log(), 30)));
  }

  /** The body of a 200 from {@code url}, asked with a bearer credential, or empty. */
  static java.util.Optional<String> body(URI url, String bearer) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url)
                  .timeout(Duration.ofSeconds(5))
                  .header("Authorization", "Bearer " + bearer)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  /** Whether {@code url} answers 200 now. */
  static boolean answers200(URI url) {
    try {
      HttpResponse<Void> r =
          HTTP.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
