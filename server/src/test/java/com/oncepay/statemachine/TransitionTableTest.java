package com.oncepay.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.idempotency.KeyStateMachine;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.outbox.OutboxStateMachine;
import com.oncepay.payment.model.OperationStateMachine;
import com.oncepay.payment.model.PaymentStateMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionTableTest {

  enum S {
    A,
    B
  }

  enum E {
    GO,
    BACK
  }

  @Test
  void everyEventMustBeDeclaredOnce() {
    assertThatThrownBy(
            () -> TransitionTable.builder(S.class, E.class).on(E.GO, Set.of(S.A), S.B).build())
        .hasMessageContaining("BACK");
    assertThatThrownBy(
            () ->
                TransitionTable.builder(S.class, E.class)
                    .on(E.GO, Set.of(S.A), S.B)
                    .on(E.GO, Set.of(S.B), S.A))
        .hasMessageContaining("twice");
  }

  @Test
  void sourceNamesAreDatabaseSpelling() {
    var table =
        TransitionTable.builder(S.class, E.class)
            .on(E.GO, Set.of(S.A), S.B)
            .on(E.BACK, Set.of(S.B), S.A)
            .build();
    assertThat(table.sourceNames(E.GO)).isEqualTo(List.of("a"));
    assertThat(table.sourceList(E.GO)).isEqualTo("'a'");
    assertThat(TransitionTable.quoted(java.util.EnumSet.allOf(S.class))).isEqualTo("'a', 'b'");
  }

  enum Step {
    X,
    Y,
    Z
  }

  enum Move {
    ON,
    AGAIN
  }

  @Test
  void reachableFromFollowsEveryPathAndIncludesTheStart() {
    var oneWay =
        TransitionTable.builder(Step.class, Move.class)
            .on(Move.ON, Set.of(Step.X), Step.Y)
            .on(Move.AGAIN, Set.of(Step.Y), Step.Z)
            .build();
    assertThat(oneWay.reachableFrom(Step.X)).containsExactlyInAnyOrder(Step.X, Step.Y, Step.Z);
    assertThat(oneWay.reachableFrom(Step.Z)).containsExactly(Step.Z);
    var cycle =
        TransitionTable.builder(Step.class, Move.class)
            .on(Move.ON, Set.of(Step.X), Step.Y)
            .on(Move.AGAIN, Set.of(Step.Y), Step.X)
            .build();
    assertThat(cycle.reachableFrom(Step.Y)).containsExactlyInAnyOrder(Step.X, Step.Y);
  }

  /** docs/state-machines.md shows the generated diagrams; they must match the tables. */
  @Test
  void documentedDiagramsMatchTheTables() throws Exception {
    Path doc = Path.of("..", "docs", "state-machines.md");
    String text = Files.readString(doc);
    assertThat(text).contains(OrderStateMachine.TABLE.toMermaid());
    assertThat(text).contains(PaymentStateMachine.TABLE.toMermaid());
    assertThat(text).contains(OperationStateMachine.TABLE.toMermaid());
    assertThat(text).contains(OutboxStateMachine.TABLE.toMermaid());
    assertThat(text).contains(KeyStateMachine.TABLE.toMermaid());
  }
}
