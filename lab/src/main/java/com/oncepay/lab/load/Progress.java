package com.oncepay.lab.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The line on stderr while a scenario runs: scenario, requests done of planned, requests per second
 * over the last tick, failures, elapsed time. On a terminal it rewrites itself every second with
 * {@code \r}; into a file or pipe it prints a plain line every five seconds.
 */
public final class Progress implements AutoCloseable {

  private final PrintStream out;
  private final boolean terminal;
  private final String scenario;
  private final ScenarioMetrics metrics;
  private final long planned;
  private final ScheduledExecutorService ticker;
  private volatile String phase = "running";
  private long lastRequests;
  private long lastNanos = System.nanoTime();
  private int lastWidth;

  private Progress(
      PrintStream out, boolean terminal, String scenario, ScenarioMetrics metrics, long planned) {
    this.out = out;
    this.terminal = terminal;
    this.scenario = scenario;
    this.metrics = metrics;
    this.planned = planned;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "race-lab-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @param planned requests the scenario plans to send, or -1 when it cannot know
   * @param out null for no progress at all
   */
  public static Progress start(
      PrintStream out, boolean terminal, String scenario, ScenarioMetrics metrics, long planned) {
    Progress progress = new Progress(out, terminal, scenario, metrics, planned);
    if (out != null) {
      long period = terminal ? 1 : 5;
      progress.ticker.scheduleAtFixedRate(progress::tick, period, period, TimeUnit.SECONDS);
    }
    return progress;
  }

  /** What the lab is doing now, such as {@code settling} or {@code checking}. */
  public void phase(String phase) {
    this.phase = phase;
  }

  private synchronized void tick() {
    long now = System.nanoTime();
    long requests = metrics.requests();
    double rps = (requests - lastRequests) / Math.max(1e-9, (now - lastNanos) / 1e9);
    lastRequests = requests;
    lastNanos = now;
    String line =
        String.format(
            Locale.ROOT,
            "[%s] %s  %d%s requests  %.0f rps  %d failed  %.1f s",
            scenario,
            phase,
            requests,
            planned > 0 ? "/" + planned : "",
            rps,
            metrics.failures(),
            metrics.elapsedNanos() / 1e9);
    if (terminal) {
      String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
      lastWidth = line.length();
      out.print("\r" + padded);
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (out != null && terminal && lastWidth > 0) {
      out.print("\r" + " ".repeat(lastWidth) + "\r");
      out.flush();
    }
  }
}
