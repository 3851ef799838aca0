package org.lamplight.county;

import org.lamplight.domain.WireName;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;

/**
 * The kinds of a county's objects an administrator changes one at a time, each with its bundle
 * file (whose rules check it) and the value that stands for one object: an {@link Area}, a
 * {@link Station}, an {@link Office}, a {@link Workstation}, a {@link Bundle.PersonRow} (a person
 * as given, the post not yet resolved) or a {@link Device}.
 */
public enum CountyKind implements WireName {
  AREAS(BundleFile.AREAS, "area", Area.class),
  STATIONS(BundleFile.STATIONS, "station", Station.class),
  OFFICES(BundleFile.OFFICES, "office", Office.class),
  WORKSTATIONS(BundleFile.WORKSTATIONS, "workstation", Workstation.class),
  PEOPLE(BundleFile.PEOPLE, "person", Bundle.PersonRow.class),
  DEVICES(BundleFile.DEVICES, "device", Device.class);

  private final BundleFile file;
  private final String one;
  private final Class<?> type;

  CountyKind(BundleFile file, String one, Class<?> type) {
    this.file = file;
    this.one = one;
    this.type = type;
  }

  public BundleFile file() {
    return file;
  }

  /** What one of them is called: {@code station}, {@code person}. */
  public String one() {
    return one;
  }

  /** The code (or id) of one of them. */
  public String code(Object value) {
    Object v = check(value);
    if (v instanceof Area a) {
      return a.code();
    } else if (v instanceof Station s) {
      return s.id();
    } else if (v instanceof Office o) {
      return o.id();
    } else if (v instanceof Workstation w) {
      return w.id();
    } else if (v instanceof Bundle.PersonRow p) {
      return p.id();
    }
    return ((Device) v).id();
  }

  /** Throws unless {@code value} is one of this kind. */
  public Object check(Object value) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(value.getClass().getSimpleName() + " is not a " + one);
    }
    return value;
  }

  public static CountyKind fromWire(String wire) {
    return WireName.parse(CountyKind.class, wire);
  }
}
