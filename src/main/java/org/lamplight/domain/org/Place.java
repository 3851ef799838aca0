package org.lamplight.domain.org;

import org.lamplight.domain.WireName;
import org.lamplight.domain.geo.GeoPoint;

/**
 * A place a caller may name: a township, a village, a committee or a police station.
 *
 * @param id the area's code or the station's id
 * @param township the name of the township it lies in; null for a township itself
 * @param initials the pinyin initials of its name ({@link PinyinInitials})
 * @param at where an incident reported at the place is put: a point inside the area (never
 *     outside, whatever its shape) or the station's location
 */
public record Place(Kind kind, String id, String name, String township, String initials, GeoPoint at) {

  /** What kind of place it is. */
  public enum Kind implements WireName {
    VILLAGE, COMMITTEE, TOWNSHIP, STATION;

    public static Kind fromWire(String wire) {
      return WireName.parse(Kind.class, wire);
    }
  }
}
