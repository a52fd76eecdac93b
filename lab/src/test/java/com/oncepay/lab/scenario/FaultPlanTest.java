package com.oncepay.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.scenario.FaultPlan.Kind;
import com.oncepay.lab.scenario.FaultPlan.Planned;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void fiveMinutesWithPgBouncerHaveEveryFaultOnceAndKillsEveryTwentySeconds() {
    List<Planned> plan = FaultPlan.plan(300, true);

    assertThat(plan).extracting(Planned::kind).containsOnlyOnce(Kind.RESTART_POSTGRES);
    assertThat(plan).extracting(Planned::kind).containsOnlyOnce(Kind.CUT_PGBOUNCER);
    assertThat(plan).extracting(Planned::kind).containsOnlyOnce(Kind.STOP_GATEWAY);
    assertThat(plan.stream().filter(p -> p.kind() == Kind.KILL_INSTANCE).count()).isEqualTo(10);
    assertThat(plan).isSortedAccordingTo((a, b) -> Double.compare(a.atS(), b.atS()));
    // A baseline first, and the last quarter left to watch the recovery.
    assertThat(plan.getFirst().atS()).isEqualTo(15);
    assertThat(plan).allMatch(p -> p.atS() + p.kind().downS() <= 225);
  }

  @Test
  void theRabbitMqRestartIsPlannedOnlyWhenTheQueueIsRabbitMq() {
    List<Planned> plan = FaultPlan.plan(120, true, true, false);
    assertThat(plan).extracting(Planned::kind).containsOnlyOnce(Kind.RESTART_RABBITMQ);
    assertThat(plan).allMatch(p -> p.atS() + p.kind().downS() <= 120 - 20);
    assertThat(FaultPlan.plan(120, true))
        .extracting(Planned::kind)
        .doesNotContain(Kind.RESTART_RABBITMQ);
  }

  @Test
  void withoutPgBouncerThereIsNoCut() {
    assertThat(FaultPlan.plan(300, false))
        .extracting(Planned::kind)
        .doesNotContain(Kind.CUT_PGBOUNCER);
  }

  @Test
  void noKillLandsNearAOneOffFaultSoEachRecoveryBelongsToOne() {
    // Each optional broker alone from 40 s on; both together (five one-off faults) from 60 s on.
    record Case(double duration, boolean rabbitmq, boolean redis) {}
    List<Case> cases = new ArrayList<>();
    for (double duration : new double[] {40, 50, 60, 120, 300, 900}) {
      cases.add(new Case(duration, true, false));
      cases.add(new Case(duration, false, true));
      if (duration >= 60) {
        cases.add(new Case(duration, true, true));
      }
    }
    for (Case c : cases) {
      double duration = c.duration();
      List<Planned> plan = FaultPlan.plan(duration, true, c.rabbitmq(), c.redis());
      List<Planned> oneOffs = plan.stream().filter(p -> p.kind() != Kind.KILL_INSTANCE).toList();
      for (Planned kill : plan.stream().filter(p -> p.kind() == Kind.KILL_INSTANCE).toList()) {
        for (Planned o : oneOffs) {
          assertThat(
                  kill.atS() < o.atS() - FaultPlan.GAP_S
                      || kill.atS() > o.atS() + o.kind().downS() + FaultPlan.GAP_S)
              .as(
                  "kill at %s s against %s at %s s (%s s run)",
                  kill.atS(), o.kind(), o.atS(), duration)
              .isTrue();
        }
      }
      // One-off faults never overlap.
      for (int i = 1; i < oneOffs.size(); i++) {
        Planned before = oneOffs.get(i - 1);
        assertThat(oneOffs.get(i).atS())
            .isGreaterThanOrEqualTo(before.atS() + before.kind().downS() + FaultPlan.GAP_S - 0.1);
      }
      assertThat(plan).anyMatch(p -> p.kind() == Kind.KILL_INSTANCE);
    }
  }

  @Test
  void theRedisRestartIsPlannedOnlyWhenTheLabRunsItsOwnRedis() {
    assertThat(FaultPlan.plan(300, true, false, true))
        .extracting(Planned::kind)
        .containsOnlyOnce(Kind.RESTART_REDIS);
    assertThat(FaultPlan.plan(300, true))
        .extracting(Planned::kind)
        .doesNotContain(Kind.RESTART_REDIS);
  }

  @Test
  void aShortRunStillHasEveryKindAndRoomToRecover() {
    List<Planned> plan = FaultPlan.plan(50, true, false, true);

    assertThat(plan)
        .extracting(Planned::kind)
        .containsAll(EnumSet.complementOf(EnumSet.of(Kind.RESTART_RABBITMQ)));
    assertThat(plan.getLast().atS() + plan.getLast().kind().downS()).isLessThanOrEqualTo(40);
  }

  @Test
  void aKillPicksAnInstanceThatIsUpAndNeverTheLastOne() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Chaos.pickInstance(new Up(true, false, true), random)).isIn(0, 2);
    assertThat(Chaos.pickInstance(new Up(false, true, false), random)).isEqualTo(-1);
    assertThat(Chaos.pickInstance(new Up(true), random)).isZero();
    assertThat(Chaos.pickInstance(new Up(false), random)).isEqualTo(-1);
  }

  /** Instances up or not; nothing else. */
  private record Up(boolean... up) implements Faults {
    @Override
    public int instances() {
      return up.length;
    }

    @Override
    public boolean instanceUp(int i) {
      return up[i];
    }

    @Override
    public void killInstance(int i) {}

    @Override
    public int restartInstance(int i) {
      return 1;
    }

    @Override
    public void restartPostgres() {}

    @Override
    public void killGateway() {}

    @Override
    public void restartGateway() {}

    @Override
    public boolean hasPgBouncer() {
      return false;
    }

    @Override
    public void killPgBouncer() {}

    @Override
    public void restartPgBouncer() {}
  }
}
