package org.lamplight.domain.coverage;

import java.util.Objects;

/** An input to {@link CoverageAccumulator#accept}: what one unit did at one moment. */
public sealed interface TrackEvent {

  String unitId();

  /** Epoch milliseconds: the fix's own time stamp, or when the duty change was reported. */
  long atMs();

  /**
   * A position fix.
   *
   * @param implausible the tracking pipeline flagged it as an impossible jump from the unit's
   *     previous position: coverage leaves it out, as the live map does
   */
  record Fix(String unitId, long atMs, double lat, double lon, boolean implausible) implements TrackEvent {
    public Fix {
      Objects.requireNonNull(unitId, "unitId");
    }

    /** A plausible fix. */
    public Fix(String unitId, long atMs, double lat, double lon) {
      this(unitId, atMs, lat, lon, false);
    }
  }

  /** The unit went on or off duty. Units are on duty until told otherwise. */
  record Duty(String unitId, long atMs, boolean onDuty) implements TrackEvent {
    public Duty {
      Objects.requireNonNull(unitId, "unitId");
    }
  }
}
