package com.oncepay.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.lab.load.Budget;
import com.oncepay.lab.scenario.PrePlacedOrders.Sizing;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrePlacedOrdersTest {

  @Test
  void aRequestBudgetNeedsOneOrderPerRequest() {
    assertThat(Sizing.forBudget(new Budget(2_000L, null), 400, Duration.ofSeconds(1)))
        .isEqualTo(new Sizing(2_000L, null));
    assertThat(Sizing.forBudget(new Budget(500L, null), 32, null))
        .isEqualTo(new Sizing(500L, null));
  }

  @Test
  void aLatencyFloorBoundsThePaysEachClientCanStart() {
    // Starts at 0, 1, …, 14 s: 15 pays a client, never more.
    assertThat(
            Sizing.forBudget(new Budget(null, Duration.ofSeconds(15)), 400, Duration.ofSeconds(1)))
        .isEqualTo(new Sizing(6_000L, null));
    // 15.5 s leaves room for a 16th start at 15 s.
    assertThat(
            Sizing.forBudget(
                new Budget(null, Duration.ofMillis(15_500)), 400, Duration.ofSeconds(1)))
        .isEqualTo(new Sizing(6_400L, null));
  }

  @Test
  void withoutAFloorOrdersArePlacedForAsLongAsTheMeasuredPhase() {
    assertThat(Sizing.forBudget(new Budget(null, Duration.ofSeconds(30)), 32, null))
        .isEqualTo(new Sizing(null, Duration.ofSeconds(30)));
  }

  @Test
  void noBudgetIsABug() {
    assertThatThrownBy(() -> Sizing.forBudget(Budget.none(), 32, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
