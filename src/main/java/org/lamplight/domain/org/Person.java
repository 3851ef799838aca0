package org.lamplight.domain.org;

import org.lamplight.domain.geo.GeoPoint;

/**
 * A unit that can be dispatched: an auxiliary (辅警) posted at a workstation, or the community
 * officer (社区民警) of an office. The office and station follow from the post; they are kept here
 * because dispatch and the console ask for them on every fix. {@code workstationId} is null for
 * officers; {@code home} is where the post is, used until the first fix arrives.
 */
public record Person(String id, String name, UnitKind kind, String phone, String workstationId, String officeId,
                     String stationId, GeoPoint home) {

  /** The office code for an officer, the workstation code for an auxiliary. */
  public String post() {
    return kind == UnitKind.OFFICER ? officeId : workstationId;
  }

  public static Person officer(String id, String name, String phone, Office office) {
    return new Person(id, name, UnitKind.OFFICER, phone, null, office.id(), office.stationId(), office.location());
  }

  public static Person auxiliary(String id, String name, String phone, Workstation workstation, Office office) {
    return new Person(id, name, UnitKind.AUXILIARY, phone, workstation.id(), office.id(), office.stationId(),
        workstation.location());
  }
}
