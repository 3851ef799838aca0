package org.lamplight.domain.evaluation;

import java.util.Objects;
import java.util.OptionalLong;
import org.lamplight.domain.WireName;

/**
 * One dispatch offer made to a unit, as the response indicators need it.
 *
 * @param acceptedAtMs present exactly when accepted
 * @param onSceneAtMs when the unit reported on scene; only for accepted offers
 */
public record Offer(String unitId, long offeredAtMs, Answer answer, OptionalLong acceptedAtMs,
    OptionalLong onSceneAtMs) {

  /** How the offer ended. */
  public enum Answer implements WireName {
    ACCEPTED, DECLINED, TIMED_OUT,
    /** Withdrawn before the unit answered (enough units found, incident cancelled): not counted. */
    CANCELLED;

    public static Answer fromWire(String wire) {
      return WireName.parse(Answer.class, wire);
    }
  }

  public Offer {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(acceptedAtMs, "acceptedAtMs");
    Objects.requireNonNull(onSceneAtMs, "onSceneAtMs");
    if (acceptedAtMs.isPresent() != (answer == Answer.ACCEPTED)) {
      throw new IllegalArgumentException("offer to " + unitId + " at " + offeredAtMs
          + ": an acceptance time goes with an accepted offer and only with it");
    }
    if (onSceneAtMs.isPresent() && answer != Answer.ACCEPTED) {
      throw new IllegalArgumentException("offer to " + unitId + " at " + offeredAtMs
          + ": only an accepted offer has an arrival on scene");
    }
  }

  public static Offer accepted(String unitId, long offeredAtMs, long acceptedAtMs, OptionalLong onSceneAtMs) {
    return new Offer(unitId, offeredAtMs, Answer.ACCEPTED, OptionalLong.of(acceptedAtMs), onSceneAtMs);
  }

  public static Offer unaccepted(String unitId, long offeredAtMs, Answer answer) {
    return new Offer(unitId, offeredAtMs, answer, OptionalLong.empty(), OptionalLong.empty());
  }

  /** Counts towards the acceptance rate: answered, or left to time out. */
  public boolean isCounted() {
    return answer != Answer.CANCELLED;
  }
}
