package com.oncepay.sim;

import static com.oncepay.sim.SimHttp.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.SimHttp.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyConcurrencyTest {

  private GatewaySimulator sim;
  private SimHttp http;

  @BeforeEach
  void start() {
    sim = GatewaySimulator.start(SimSettings.defaults());
    http = new SimHttp(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    http.close();
    sim.close();
  }

  /** Runs {@code count} copies of {@code call}, released together by one gate. */
  private static List<Answer> together(int count, Callable<Answer> call) throws Exception {
    var gate = new CountDownLatch(1);
    List<Future<Answer>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  gate.await();
                  return call.call();
                }));
      }
      gate.countDown();
    }
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> future : futures) {
      answers.add(future.get());
    }
    return answers;
  }

  @Test
  void twoHundredConcurrentCopiesOfOneSlowChargeChargeOnce() throws Exception {
    sim.updateKnobs(sim.knobs().withSlowMs(300));
    String body = chargeBody(1000, "pm_slow", true, "pay_1");

    List<Answer> answers = together(200, () -> http.post("/v1/charges", "the-key", body));

    Answer first = answers.getFirst();
    assertThat(first.status()).isEqualTo(201);
    assertThat(answers).allSatisfy(a -> assertThat(a.sameAs(first)).as(a.toString()).isTrue());
    assertThat(answers.stream().filter(a -> !a.replayed()).count())
        .as("exactly one answer is the original")
        .isEqualTo(1);
    assertThat(sim.ledger()).hasSize(1);
  }

  @Test
  void concurrentCopiesOfErrorThenOkFailOnceAndChargeOnce() throws Exception {
    String body = chargeBody(1000, "pm_error_then_ok", true, "pay_1");

    List<Answer> answers = together(100, () -> http.post("/v1/charges", "the-key", body));

    assertThat(answers.stream().filter(a -> a.status() == 500).count()).isEqualTo(1);
    List<Answer> ok = answers.stream().filter(a -> a.status() == 201).toList();
    assertThat(ok).hasSize(99);
    assertThat(ok).allSatisfy(a -> assertThat(a.sameAs(ok.getFirst())).isTrue());
    assertThat(sim.ledger()).hasSize(1);
  }

  @Test
  void hundredsOfSlowRequestsRunConcurrently() throws Exception {
    sim.updateKnobs(sim.knobs().withSlowMs(500));
    long start = System.nanoTime();

    List<Answer> answers =
        together(
            300,
            () ->
                http.post(
                    "/v1/charges",
                    java.util.UUID.randomUUID().toString(),
                    chargeBody(100, "pm_slow", true, "pay")));

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
    assertThat(sim.ledger()).hasSize(300);
    // Serialised they would take 150 s; in parallel a few multiples of 500 ms.
    assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
  }
}
