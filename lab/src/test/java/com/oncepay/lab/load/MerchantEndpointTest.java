package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.client.OncepayClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against a stand-in service that keeps one endpoint, as {@code /v1/webhook_endpoint} does. */
class MerchantEndpointTest {

  private static final URI RECEIVER = URI.create("http://127.0.0.1:9/oncepay-events");

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private OncepayClient client;
  private volatile String url;

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private volatile boolean showsSecret = true;

  private void serve(String initialUrl, int putStatus) throws IOException {
    url = initialUrl;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        MerchantEndpoint.PATH,
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String method = exchange.getRequestMethod();
          calls.add(method + " " + body);
          int status;
          String answer;
          if (method.equals("PUT") && putStatus == 200) {
            url = body.replaceAll(".*\"url\":\"([^\"]*)\".*", "$1");
            status = 200;
            answer =
                "{\"url\":\""
                    + url
                    + "\""
                    + (showsSecret ? ",\"secret\":\"whsec_kept\"" : "")
                    + "}";
          } else if (method.equals("PUT")) {
            status = putStatus;
            answer = "{\"error\":{\"code\":\"parameter_invalid\"}}";
          } else if (url == null) {
            status = 404;
            answer = "{\"error\":{\"code\":\"not_found\"}}";
          } else if (method.equals("DELETE")) {
            url = null;
            status = 200;
            answer = "{\"deleted\":true}";
          } else {
            status = 200;
            answer = "{\"url\":\"" + url + "\",\"secret\":\"whsec_kept\"}";
          }
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    client =
        OncepayClient.builder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "sk_test")
            .maxAttempts(1)
            .build();
  }

  @Test
  void putsThePreviousEndpointBack() throws IOException {
    serve("https://shop.example/hooks", 200);

    MerchantEndpoint endpoint = MerchantEndpoint.replace(client, RECEIVER, null);
    assertThat(endpoint.secret()).isEqualTo("whsec_kept");
    assertThat(endpoint.previousUrl()).isEqualTo("https://shop.example/hooks");
    assertThat(url).isEqualTo(RECEIVER.toString());

    endpoint.restore();
    assertThat(url).isEqualTo("https://shop.example/hooks");
    assertThat(calls)
        .containsExactly(
            "GET ",
            "PUT {\"url\":\"" + RECEIVER + "\"}",
            "PUT {\"url\":\"https://shop.example/hooks\"}");
  }

  @Test
  void deletesItsOwnEndpointWhenThereWasNone() throws IOException {
    serve(null, 200);

    MerchantEndpoint endpoint = MerchantEndpoint.replace(client, RECEIVER, null);
    assertThat(endpoint.previousUrl()).isNull();

    endpoint.restore();
    assertThat(url).isNull();
    assertThat(calls).last().isEqualTo("DELETE ");
  }

  @Test
  void aKeptSecretThatIsNotShownComesFromTheCallerOrTheEndpointIsPutBack() throws IOException {
    showsSecret = false;
    serve("https://shop.example/hooks", 200);

    MerchantEndpoint endpoint = MerchantEndpoint.replace(client, RECEIVER, "whsec_merchant");
    assertThat(endpoint.secret()).isEqualTo("whsec_merchant");
    endpoint.restore();

    assertThatThrownBy(() -> MerchantEndpoint.replace(client, RECEIVER, null))
        .isInstanceOf(LabConnectionException.class)
        .hasMessageContaining(MerchantEndpoint.SECRET_VARIABLE)
        .hasMessageContaining("--no-check-events");
    assertThat(url).isEqualTo("https://shop.example/hooks");
  }

  @Test
  void aRefusedPutSaysEventsCannotBeChecked() throws IOException {
    serve(null, 400);

    assertThatThrownBy(() -> MerchantEndpoint.replace(client, RECEIVER, null))
        .isInstanceOf(LabConnectionException.class)
        .hasMessageContaining("400 parameter_invalid to PUT /v1/webhook_endpoint")
        .hasMessageContaining("--no-check-events");
  }
}
