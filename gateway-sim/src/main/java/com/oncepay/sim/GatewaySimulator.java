package com.oncepay.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running gateway simulator: a real HTTP server (JDK {@code HttpServer}, one virtual thread per
 * request) with scenario payment methods, fault knobs, its own idempotency, signed webhooks and a
 * ledger of every charge. State is in memory, and with {@link SimSettings#withDataDir} also in a
 * journal there, so a restarted simulator keeps its ledger and its idempotency records.
 *
 * <pre>{@code
 * try (var sim = GatewaySimulator.start(SimSettings.defaults())) {
 *   URI api = sim.baseUrl(); // http://127.0.0.1:<free port>
 *   ...
 *   assertThat(sim.ledger()).hasSize(1);
 * }
 * }</pre>
 */
public final class GatewaySimulator implements AutoCloseable {

  /**
   * Connections the kernel queues before the server accepts them. Large, so that bursts of
   * thousands of concurrent clients are queued rather than refused.
   */
  private static final int BACKLOG = 4096;

  /**
   * The JDK server closes a finished keep-alive connection outright once 200 are idle (its
   * default), without a {@code Connection: close}; a client that reuses such a connection sees "no
   * bytes received" and, for a POST, must guess whether it was processed. Hundreds of concurrent
   * clients hit that at once, so allow as many idle connections as the backlog. The property is
   * read once, when the JDK server first loads, and an explicit setting wins.
   */
  private static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  static {
    if (System.getProperty(MAX_IDLE_CONNECTIONS) == null) {
      System.setProperty(MAX_IDLE_CONNECTIONS, Integer.toString(BACKLOG));
    }
  }

  private final SimSettings settings;
  private final Journal journal;
  private final SimState state;
  private volatile HttpServer server;
  private final SimHttpHandler handler;
  private final ExecutorService requests;
  private final ExecutorService background;
  private final HttpClient webhookClient;
  private final URI baseUrl;

  private final WebhookDispatcher webhooks;

  private GatewaySimulator(SimSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.journal = settings.dataDir() == null ? Journal.none() : Journal.open(settings.dataDir());
    this.state = new SimState(settings.initialKnobs(), journal);
    // Virtual threads: a slow or hanging request costs a parked virtual thread, not a pool slot,
    // so hundreds of hung requests never starve the fast ones.
    this.requests = Executors.newVirtualThreadPerTaskExecutor();
    this.background = Executors.newVirtualThreadPerTaskExecutor();
    this.webhookClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    this.webhooks =
        new WebhookDispatcher(
            settings.webhookUrl(),
            settings.webhookSecret(),
            webhookClient,
            background,
            state.knobs(),
            clock);
    var settlement = new AsyncSettlement(background, state.ledger(), state.knobs(), this.webhooks);
    var commands =
        new ChargeCommands(
            state.ledger(), state.knobs(), settlement, state.keysThatFailedOnce(), journal, clock);
    // Before the first request: a restarted simulator answers as the one that was killed.
    state.recover().forEach(settlement::schedule);
    var posts = new IdempotentPosts(state.idempotency(), state.knobs());
    var dispatcher = new ApiDispatcher(state, commands, posts, new Outages(this::refuseFor));
    this.handler = new SimHttpHandler(dispatcher);
    this.server = listen(new InetSocketAddress(settings.host(), settings.port()));
    this.baseUrl = baseUrl(settings.host(), server.getAddress().getPort());
  }

  private HttpServer listen(InetSocketAddress address) throws IOException {
    HttpServer created = HttpServer.create(address, BACKLOG);
    created.createContext("/", handler);
    created.setExecutor(requests);
    created.start();
    return created;
  }

  /**
   * A refusing outage: stops listening (the request that asked for it is answered first), then
   * listens again on the same port after {@code outage}.
   */
  private void refuseFor(Duration outage) {
    InetSocketAddress address = server.getAddress();
    try {
      background.execute(
          () -> {
            try {
              // Closes the listening socket at once, then waits (up to 1 s) for the exchanges in
              // flight, among them the /sim/outage request's own answer.
              server.stop(1);
              Thread.sleep(outage);
              server = listen(address);
            } catch (InterruptedException e) {
              // closing
            } catch (IOException e) {
              throw new UncheckedIOException("cannot listen again on " + address, e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  /** Starts a simulator; with port 0 it listens on a free port, see {@link #baseUrl()}. */
  public static GatewaySimulator start(SimSettings settings) {
    return start(settings, Clock.systemUTC());
  }

  static GatewaySimulator start(SimSettings settings, Clock clock) {
    try {
      return new GatewaySimulator(settings, clock);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "gateway simulator cannot listen on " + settings.host() + ":" + settings.port(), e);
    }
  }

  /** E.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  public SimSettings settings() {
    return settings;
  }

  /**
   * Sends async payment webhooks to {@code url} from now on (null: none). For a server that starts
   * its simulator before it knows its own port.
   */
  public void webhookUrl(URI url) {
    webhooks.url(url);
  }

  public SimKnobs knobs() {
    return state.knobs().get();
  }

  /** Replaces all knobs at once; a non-null seed restarts the fault dice. */
  public void updateKnobs(SimKnobs knobs) {
    state.knobs().replace(knobs);
  }

  /** Every charge ever created (declined ones included), oldest first, as of now. */
  public List<LedgerEntry> ledger() {
    return state.ledger().entries();
  }

  /** Clears the ledger and the idempotency records and restores the start-up knobs. */
  public void reset() {
    state.reset();
  }

  /** Stops listening and interrupts whatever still runs: hung answers, settlements, webhooks. */
  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
    background.shutdownNow();
    webhookClient.shutdownNow();
    journal.close();
    try {
      requests.awaitTermination(2, TimeUnit.SECONDS);
      background.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static URI baseUrl(String host, int port) {
    String authority = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + authority + ":" + port);
  }
}
