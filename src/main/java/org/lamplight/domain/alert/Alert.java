package org.lamplight.domain.alert;

import java.util.Objects;

/**
 * An alert as kept: numbered, timed, and acknowledged by a dispatcher or not (yet).
 *
 * @param acknowledged who acknowledged it and when; null while nobody has
 */
public record Alert(long id, long atMs, NewAlert raised, Acknowledgement acknowledged) {

  /** A dispatcher saw the alert and took it in hand: it stops repeating. */
  public record Acknowledgement(String by, long atMs) {
    public Acknowledgement {
      Objects.requireNonNull(by, "by");
    }
  }

  public Alert {
    Objects.requireNonNull(raised, "raised");
  }

  public boolean isAcknowledged() {
    return acknowledged != null;
  }
}
