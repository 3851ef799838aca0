package org.lamplight.domain.dispatch;

import java.util.List;

/**
 * The outcome of one event: the incident as it is now, what must happen, and which units this
 * decision claimed.
 *
 * <p>When {@link #events()} is empty, nothing changed ({@code next} is the incident passed in)
 * and there is nothing to persist. Otherwise persist {@code next} and the events in one
 * transaction before carrying out {@link #actions()}; if that fails, discard {@code next} and
 * release {@link #claimedUnits()}.
 */
public record Decision(Incident next, List<Effect> effects, List<String> claimedUnits) {

  public Decision {
    effects = List.copyOf(effects);
    claimedUnits = List.copyOf(claimedUnits);
  }

  /** The timeline entries to persist, in order. */
  public List<IncidentEvent> events() {
    return effects.stream()
        .filter(Effect.Persist.class::isInstance)
        .map(e -> ((Effect.Persist) e).event())
        .toList();
  }

  /** Every effect other than persisting, in the order they must be carried out. */
  public List<Effect> actions() {
    return effects.stream().filter(e -> !(e instanceof Effect.Persist)).toList();
  }
}
