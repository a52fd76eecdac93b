package com.oncepay.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound itself, on real threads: who runs, who waits, in what order, and for how long. */
class AdmissionTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void pastTheBoundARequestWaitsAndIsRefusedWhenNoSlotComesFree() throws Exception {
    Admission admission = new Admission(1, Duration.ofMillis(100), meters);
    try (Admission.Slot first = admission.enter().orElseThrow()) {
      assertThat(admission.running()).isEqualTo(1);
      Optional<Admission.Slot> second = onAnotherThread(admission);
      assertThat(second).isEmpty();
      assertThat(meters.get(Admission.TIMEOUT_METRIC).counter().count()).isEqualTo(1.0);
    }
    assertThat(admission.running()).isZero();
  }

  @Test
  void waitingRequestsAreLetInInArrivalOrder() throws Exception {
    Admission admission = new Admission(1, Duration.ofSeconds(30), meters);
    List<Integer> order = new CopyOnWriteArrayList<>();
    Admission.Slot holder = admission.enter().orElseThrow();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 5; i++) {
        int index = i;
        threads.submit(
            () -> {
              try (Admission.Slot slot = admission.enter().orElseThrow()) {
                order.add(index);
              }
              return null;
            });
        // Each waiter in line before the next one starts.
        awaitQueueLength(admission, i + 1);
      }
      holder.close();
    }
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void awayGivesTheSlotToAWaiterAndTakesOneAgainAfter() throws Exception {
    Admission admission = new Admission(1, Duration.ofSeconds(30), meters);
    CountDownLatch otherRan = new CountDownLatch(1);
    try (Admission.Slot slot = admission.enter().orElseThrow();
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(
          () -> {
            try (Admission.Slot other = admission.enter().orElseThrow()) {
              otherRan.countDown();
            }
            return null;
          });
      awaitQueueLength(admission, 1);
      // The waiter can only run while this thread is away (there is one slot).
      boolean ranWhileAway = admission.away(() -> await(otherRan));
      assertThat(ranWhileAway).isTrue();
      assertThat(admission.running()).isEqualTo(1);
    }
    assertThat(admission.running()).isZero();
  }

  @Test
  void aRequestBackFromTheGatewayGoesBeforeTheArrivals() throws Exception {
    Admission admission = new Admission(1, Duration.ofSeconds(30), meters);
    List<String> order = new CopyOnWriteArrayList<>();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Admission.Slot returning = admission.enter().orElseThrow();
      CountDownLatch otherIn = new CountDownLatch(1);
      admission.away(
          () -> {
            // While this request is at the gateway: another takes the slot, a third arrives...
            threads.submit(
                () -> {
                  try (Admission.Slot other = admission.enter().orElseThrow()) {
                    otherIn.countDown();
                    // ...and the slot comes free only once this request waits to come back too.
                    awaitQueueLength(admission, 2);
                  }
                  return null;
                });
            await(otherIn);
            threads.submit(
                () -> {
                  try (Admission.Slot arrival = admission.enter().orElseThrow()) {
                    order.add("arrival");
                  }
                  return null;
                });
            awaitQueueLength(admission, 1);
            return null;
          });
      order.add("back from the gateway");
      returning.close();
    }
    assertThat(order).containsExactly("back from the gateway", "arrival");
  }

  @Test
  void awayOutsideARequestOnlyRunsTheWork() {
    Admission admission = new Admission(1, Duration.ofSeconds(1), meters);
    assertThat(admission.away(admission::running)).isZero();
    assertThat(admission.running()).isZero();
  }

  private static Optional<Admission.Slot> onAnotherThread(Admission admission) throws Exception {
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      return threads.submit(admission::enter).get(5, TimeUnit.SECONDS);
    }
  }

  private static void awaitQueueLength(Admission admission, int waiting) {
    Await.until(Duration.ofSeconds(5), waiting + " waiting", () -> admission.waiting() >= waiting);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
