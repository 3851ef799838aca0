package org.lamplight.domain.org;

import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.area.VillageIndex;
import org.lamplight.domain.area.Area;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.lamplight.domain.geo.GeoPoint;
import org.locationtech.jts.geom.Envelope;

/**
 * The whole organisation of one county, as imported or generated: its areas (the county,
 * townships, villages and committees), police stations, offices and workstations, the people who
 * staff them, their devices and the roads. Immutable; the lookups are built once.
 *
 * <p>A county read back from storage is taken as it is: a reference to a retired or missing row
 * finds nothing rather than failing. A bundle is checked in full before it becomes a county.
 */
public final class County {


  private final List<Area> areas;
  private final List<Station> stations;
  private final List<Office> offices;
  private final List<Workstation> workstations;
  private final List<Person> people;
  private final List<Device> devices;
  private final List<Road> roads;

  private final Area countyArea;
  private final Map<String, Area> areaByCode;
  private final Map<String, List<Area>> childrenByParent;
  private final Map<String, Station> stationById;
  private final Map<String, Office> officeById;
  private final Map<String, Workstation> workstationById;
  private final Map<String, Person> personById;
  private final Map<String, Device> deviceById;
  private final Map<String, List<Office>> officesByStation;
  private final Map<String, List<Workstation>> workstationsByOffice;
  private final Map<String, List<Workstation>> workstationsByVillage;
  private final Map<String, Office> officeByVillage;
  private final Map<String, List<Device>> devicesByPerson;
  /** Built on first use: validating or writing a county never asks where a point lies. */
  private volatile VillageIndex villageIndex;

  public County(List<Area> areas, List<Station> stations, List<Office> offices, List<Workstation> workstations,
                List<Person> people, List<Device> devices, List<Road> roads) {
    this.areas = List.copyOf(areas);
    this.stations = List.copyOf(stations);
    this.offices = List.copyOf(offices);
    this.workstations = List.copyOf(workstations);
    this.people = List.copyOf(people);
    this.devices = List.copyOf(devices);
    this.roads = List.copyOf(roads);
    this.countyArea = this.areas.stream().filter(a -> a.level() == AreaLevel.COUNTY).findFirst().orElse(null);
    this.areaByCode = byKey(this.areas, Area::code);
    this.stationById = byKey(this.stations, Station::id);
    this.officeById = byKey(this.offices, Office::id);
    this.workstationById = byKey(this.workstations, Workstation::id);
    this.personById = byKey(this.people, Person::id);
    this.deviceById = byKey(this.devices, Device::id);
    this.childrenByParent = groupBy(this.areas, Area::parent);
    this.officesByStation = groupBy(this.offices, Office::stationId);
    this.workstationsByOffice = groupBy(this.workstations, Workstation::officeId);
    this.workstationsByVillage = groupBy(this.workstations, Workstation::villageId);
    this.devicesByPerson = groupBy(this.devices, Device::personId);
    Map<String, Office> byVillage = new HashMap<>();
    for (Office o : this.offices) {
      o.villageIds().forEach(v -> byVillage.putIfAbsent(v, o));
    }
    this.officeByVillage = byVillage;
  }

  /** The county's name: that of its county-level area; empty for a county with no areas yet. */
  public String name() {
    return countyArea == null ? "" : countyArea.name();
  }

  /** The middle of the county's extent, where a map of it opens; (0, 0) for a county with no areas yet. */
  public GeoPoint center() {
    Envelope e = new Envelope();
    if (countyArea != null) {
      e.expandToInclude(countyArea.shape().getEnvelopeInternal());
    } else {
      areas.forEach(a -> e.expandToInclude(a.shape().getEnvelopeInternal()));
    }
    return e.isNull() ? new GeoPoint(0, 0) : new GeoPoint(e.centre().y, e.centre().x);
  }

  public List<Area> areas() {
    return areas;
  }

  public List<Station> stations() {
    return stations;
  }

  public List<Office> offices() {
    return offices;
  }

  public List<Workstation> workstations() {
    return workstations;
  }

  public List<Person> people() {
    return people;
  }

  public List<Device> devices() {
    return devices;
  }

  public List<Road> roads() {
    return roads;
  }

  public Optional<Area> countyArea() {
    return Optional.ofNullable(countyArea);
  }

  public List<Area> townships() {
    return areas.stream().filter(a -> a.level() == AreaLevel.TOWNSHIP).toList();
  }

  /** Villages and residential committees. */
  public List<Area> villages() {
    return areas.stream().filter(a -> a.level().isVillageLike()).toList();
  }

  public Optional<Area> area(String code) {
    return Optional.ofNullable(areaByCode.get(code));
  }

  /** The areas whose parent is {@code code}, in their order. */
  public List<Area> children(String code) {
    return childrenByParent.getOrDefault(code, List.of());
  }

  /** A township of the county town (街道): every village-like area in it is a residential committee. */
  public boolean isUrban(Area township) {
    List<Area> parts = children(township.code()).stream().filter(a -> a.level().isVillageLike()).toList();
    return !parts.isEmpty() && parts.stream().allMatch(a -> a.level() == AreaLevel.COMMITTEE);
  }

  public Optional<Station> station(String id) {
    return Optional.ofNullable(stationById.get(id));
  }

  public Optional<Office> office(String id) {
    return Optional.ofNullable(officeById.get(id));
  }

  public Optional<Workstation> workstation(String id) {
    return Optional.ofNullable(workstationById.get(id));
  }

  public Optional<Person> person(String id) {
    return Optional.ofNullable(personById.get(id));
  }

  public Optional<Device> device(String id) {
    return Optional.ofNullable(deviceById.get(id));
  }

  public List<Office> officesOf(String stationId) {
    return officesByStation.getOrDefault(stationId, List.of());
  }

  public List<Workstation> workstationsOf(String officeId) {
    return workstationsByOffice.getOrDefault(officeId, List.of());
  }

  /** The workstations in a village or committee (usually one; a busy committee may have more). */
  public List<Workstation> workstationsIn(String villageCode) {
    return workstationsByVillage.getOrDefault(villageCode, List.of());
  }

  /** The office whose villages include {@code villageCode}. */
  public Optional<Office> officeCovering(String villageCode) {
    return Optional.ofNullable(officeByVillage.get(villageCode));
  }

  public Optional<Station> stationOf(Office office) {
    return station(office.stationId());
  }

  public List<Device> devicesOf(String personId) {
    return devicesByPerson.getOrDefault(personId, List.of());
  }

  /**
   * The village or committee a place lies in; on a border shared by two, the one with the lower
   * code, so that the answer never depends on the index's order.
   */
  public Optional<Area> villageAt(double lat, double lon) {
    return villageIndex().villageAt(lat, lon).flatMap(this::area);
  }

  /** Which village or committee a place lies in, fast enough for every fix. */
  public VillageIndex villageIndex() {
    VillageIndex index = villageIndex;
    if (index == null) {
      index = VillageIndex.of(areas);
      villageIndex = index;
    }
    return index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof County c && areas.equals(c.areas) && stations.equals(c.stations) && offices.equals(c.offices)
        && workstations.equals(c.workstations) && people.equals(c.people) && devices.equals(c.devices)
        && roads.equals(c.roads);
  }

  @Override
  public int hashCode() {
    return Objects.hash(areas, stations, offices, workstations, people, devices, roads);
  }

  @Override
  public String toString() {
    return "County[" + name() + ": " + areas.size() + " areas, " + stations.size() + " stations, " + offices.size()
        + " offices, " + workstations.size() + " workstations, " + people.size() + " people, " + devices.size()
        + " devices, " + roads.size() + " roads]";
  }

  /** First one wins: a county read from storage may hold what a bundle never would. */
  private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
    Map<String, T> out = new HashMap<>(items.size() * 2);
    items.forEach(i -> out.putIfAbsent(key.apply(i), i));
    return Collections.unmodifiableMap(out);
  }

  private static <T> Map<String, List<T>> groupBy(List<T> items, Function<T, String> key) {
    Map<String, List<T>> out = new LinkedHashMap<>();
    for (T item : items) {
      String k = key.apply(item);
      if (k != null) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(item);
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(out);
  }
}
