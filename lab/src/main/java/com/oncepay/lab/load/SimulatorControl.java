package com.oncepay.lab.load;

import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.check.LedgerCharge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The gateway simulator's referee endpoints: {@code GET /sim/ledger} for the checks, {@code
 * /sim/knobs} for scenarios that need the gateway slow or racing (only when the lab started the
 * simulator itself: a shared simulator's knobs are not ours to turn).
 */
public final class SimulatorControl {

  private final URI base;
  private final HttpClient http;
  private final boolean owned;

  /**
   * @param url the simulator's base URL, or its {@code /sim/ledger} URL
   * @param owned whether the lab started this simulator and may change its knobs
   */
  public SimulatorControl(URI url, HttpClient http, boolean owned) {
    this.base = baseOf(url);
    this.http = http;
    this.owned = owned;
  }

  /** {@code http://h:p/sim/ledger} and {@code http://h:p/} both mean {@code http://h:p}. */
  static URI baseOf(URI url) {
    String s = url.toString();
    if (s.endsWith("/sim/ledger")) {
      s = s.substring(0, s.length() - "/sim/ledger".length());
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return URI.create(s);
  }

  public URI base() {
    return base;
  }

  public boolean owned() {
    return owned;
  }

  public List<LedgerCharge> ledger() {
    String body = call("GET", "/sim/ledger", null);
    return ApiJson.ledger(ApiJson.parse(body.getBytes(StandardCharsets.UTF_8)));
  }

  public String knobs() {
    return call("GET", "/sim/knobs", null);
  }

  /** Merges {@code json} into the knobs; ignored unless the lab owns the simulator. */
  public void setKnobs(String json) {
    if (owned) {
      call("POST", "/sim/knobs", json);
    }
  }

  private String call(String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (json == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new LabConnectionException(
            "gateway simulator answered "
                + response.statusCode()
                + " to "
                + method
                + " "
                + base
                + path
                + ": "
                + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new LabConnectionException(
          "cannot reach the gateway simulator at " + base + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabConnectionException("interrupted while calling " + base + path, e);
    }
  }
}
