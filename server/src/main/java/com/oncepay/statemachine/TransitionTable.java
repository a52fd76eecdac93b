package com.oncepay.statemachine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A state machine as data: each event moves from a set of source states to one target state. The
 * guarded SQL writes take their {@code status IN (…)} lists from here, so the table is the only
 * place a transition is allowed.
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {

  private final Class<S> stateType;
  private final Map<E, Set<S>> sources;
  private final Map<E, S> targets;

  private TransitionTable(Class<S> stateType, Map<E, Set<S>> sources, Map<E, S> targets) {
    this.stateType = stateType;
    this.sources = sources;
    this.targets = targets;
  }

  public static <S extends Enum<S>, E extends Enum<E>> Builder<S, E> builder(
      Class<S> stateType, Class<E> eventType) {
    return new Builder<>(stateType, eventType);
  }

  /** The state {@code event} leads to from {@code state}, or empty when it is not allowed. */
  public Optional<S> next(S state, E event) {
    return sources.get(event).contains(state) ? Optional.of(targets.get(event)) : Optional.empty();
  }

  public Set<S> sources(E event) {
    return sources.get(event);
  }

  public S target(E event) {
    return targets.get(event);
  }

  /** Source state names in database spelling, for {@code status IN (:from)}. */
  public List<String> sourceNames(E event) {
    List<String> names = new ArrayList<>();
    for (S state : sources.get(event)) {
      names.add(state.name().toLowerCase(java.util.Locale.ROOT));
    }
    return names;
  }

  /**
   * Source states as a quoted SQL list ({@code 'ready', 'claimed'}), for statements that must
   * repeat a partial index's predicate literally (a bind parameter would not match the index).
   * Built from enum constants only, never from input.
   */
  public String sourceList(E event) {
    return quoted(sources.get(event));
  }

  /** States as a quoted SQL list, for the same purpose as {@link #sourceList}. */
  public static <S extends Enum<S>> String quoted(Set<S> states) {
    StringBuilder out = new StringBuilder();
    for (S state : states) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append('\'').append(state.name().toLowerCase(java.util.Locale.ROOT)).append('\'');
    }
    return out.toString();
  }

  /** {@code state} and every state some sequence of events leads to from it. */
  public Set<S> reachableFrom(S state) {
    Set<S> reached = EnumSet.of(state);
    Deque<S> next = new ArrayDeque<>(reached);
    while (!next.isEmpty()) {
      S from = next.pop();
      sources.forEach(
          (event, allowed) -> {
            if (allowed.contains(from) && reached.add(targets.get(event))) {
              next.push(targets.get(event));
            }
          });
    }
    return reached;
  }

  /** States no event leaves. */
  public Set<S> terminalStates() {
    Set<S> terminal = EnumSet.allOf(stateType);
    sources.forEach(
        (event, from) -> {
          for (S state : from) {
            if (state != targets.get(event)) {
              terminal.remove(state);
            }
          }
        });
    return terminal;
  }

  /** The machine as a Mermaid state diagram, for the docs. */
  public String toMermaid() {
    StringBuilder out = new StringBuilder("stateDiagram-v2\n");
    sources.forEach(
        (event, from) -> {
          for (S state : from) {
            out.append("    ")
                .append(state.name().toLowerCase(java.util.Locale.ROOT))
                .append(" --> ")
                .append(targets.get(event).name().toLowerCase(java.util.Locale.ROOT))
                .append(" : ")
                .append(event.name().toLowerCase(java.util.Locale.ROOT))
                .append('\n');
          }
        });
    return out.toString();
  }

  public static final class Builder<S extends Enum<S>, E extends Enum<E>> {
    private final Class<S> stateType;
    private final Class<E> eventType;
    private final Map<E, Set<S>> sources;
    private final Map<E, S> targets;

    private Builder(Class<S> stateType, Class<E> eventType) {
      this.stateType = stateType;
      this.eventType = eventType;
      this.sources = new EnumMap<>(eventType);
      this.targets = new EnumMap<>(eventType);
    }

    public Builder<S, E> on(E event, Set<S> from, S to) {
      if (sources.containsKey(event)) {
        throw new IllegalArgumentException("event declared twice: " + event);
      }
      sources.put(event, Collections.unmodifiableSet(EnumSet.copyOf(from)));
      targets.put(event, to);
      return this;
    }

    public TransitionTable<S, E> build() {
      for (E event : eventType.getEnumConstants()) {
        if (!sources.containsKey(event)) {
          throw new IllegalStateException("no transition declared for " + event);
        }
      }
      return new TransitionTable<>(
          stateType, Collections.unmodifiableMap(sources), Collections.unmodifiableMap(targets));
    }
  }
}
