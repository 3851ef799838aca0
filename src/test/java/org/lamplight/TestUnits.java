package org.lamplight;

import java.util.List;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.tracking.FixValidator;
import org.lamplight.domain.tracking.LiveUnits;

/** Units for tests of the live state: people with one device each, named {@code dev-<unit id>}. */
public final class TestUnits {

  public static final FixValidator VALIDATOR = new FixValidator(60_000, 86_400_000, 70);

  private TestUnits() {
  }

  public static Person auxiliary(String id, String workstationId, double lat, double lon) {
    return new Person(id, id, UnitKind.AUXILIARY, "", workstationId, "O1", "S1", new GeoPoint(lat, lon));
  }

  public static Person officer(String id, double lat, double lon) {
    return new Person(id, id, UnitKind.OFFICER, "", null, "O1", "S1", new GeoPoint(lat, lon));
  }

  public static List<Device> devices(List<Person> people) {
    return people.stream().map(p -> new Device("dev-" + p.id(), p.id())).toList();
  }

  public static LiveUnits live(List<Person> people) {
    return new LiveUnits(people, devices(people), VALIDATOR, 1000);
  }
}
