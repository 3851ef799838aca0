package org.lamplight.county;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lamplight.county.Bundle.AreaRow;
import org.lamplight.county.Bundle.DeviceRow;
import org.lamplight.county.Bundle.OfficeRow;
import org.lamplight.county.Bundle.PersonRow;
import org.lamplight.county.Bundle.RoadRow;
import org.lamplight.county.Bundle.StationRow;
import org.lamplight.county.Bundle.WorkstationRow;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;
import org.lamplight.domain.tracking.DeviceIds;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks a bundle as a whole and collects every problem at once; a bundle without any becomes a
 * {@link County}. The rules are those of docs/county-bundle.md: unique codes; the area hierarchy
 * county → township → village/committee, each polygon valid and (almost) inside its parent;
 * stations, offices and workstations that point at areas and at each other correctly and stand
 * where they belong; people posted at an office (officers) or a workstation (auxiliaries);
 * devices bound to known people.
 */
public final class BundleValidator {

  /** Real boundaries are digitised by different hands: a child area may stick out of its parent this much. */
  static final double INSIDE_SHARE = 0.99;
  /** How far outside its area a station, office or workstation may stand (a building on the border). */
  static final double POINT_TOLERANCE_M = 100;
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private final Bundle bundle;
  private final List<Problem> problems;
  private final Map<String, AreaRow> areas;
  private final Map<String, PreparedGeometry> prepared = new HashMap<>();
  private final Map<String, StationRow> stations;
  private final Map<String, OfficeRow> offices;
  private final Map<String, WorkstationRow> workstations;
  private final Map<String, PersonRow> people;
  private final Map<String, OfficeRow> officeOfVillage = new HashMap<>();
  private PreparedGeometry countyShape;
  /**
   * Each parent prepared once for its children's covers test. RelateNG, not PreparedGeometry:
   * a village shares part of its township's border, where PreparedGeometry.covers falls back to
   * a full relate each time (a 2,000-village county: 0.4-1.4 s instead of 3-13 s).
   */
  private final Map<String, RelateNG> parents = new HashMap<>();

  private BundleValidator(Bundle bundle) {
    this.bundle = bundle;
    this.problems = new ArrayList<>(bundle.problems());
    this.areas = unique(BundleFile.AREAS, bundle.areas(), r -> r.area().code(), AreaRow::feature, "code", true);
    this.stations = unique(BundleFile.STATIONS, bundle.stations(), r -> r.station().id(), StationRow::line, "code", false);
    this.offices = unique(BundleFile.OFFICES, bundle.offices(), r -> r.office().id(), OfficeRow::line, "code", false);
    this.workstations = unique(BundleFile.WORKSTATIONS, bundle.workstations(), r -> r.workstation().id(),
        WorkstationRow::line, "code", false);
    this.people = unique(BundleFile.PEOPLE, bundle.people(), PersonRow::id, PersonRow::line, "id", false);
  }

  public static Validation validate(Bundle bundle) {
    return new BundleValidator(bundle).check();
  }

  private Validation check() {
    checkAreas();
    bundle.stations().forEach(this::checkStation);
    bundle.offices().forEach(this::checkOffice);
    bundle.workstations().forEach(this::checkWorkstation);
    bundle.people().forEach(this::checkPerson);
    Map<String, DeviceRow> devices = unique(BundleFile.DEVICES, bundle.devices(), r -> r.device().id(), DeviceRow::line,
        "device_id", false);
    devices.values().forEach(this::checkDevice);
    if (!problems.isEmpty()) {
      problems.sort(Problem.ORDER);
      return new Validation.Invalid(problems);
    }
    return new Validation.Valid(county(), bundle.hasRoads());
  }

  private County county() {
    Map<String, Office> officeById = bundle.offices().stream().map(OfficeRow::office)
        .collect(Collectors.toMap(Office::id, o -> o));
    Map<String, Workstation> workstationById = bundle.workstations().stream().map(WorkstationRow::workstation)
        .collect(Collectors.toMap(Workstation::id, w -> w));
    List<Person> persons = new ArrayList<>();
    for (PersonRow p : bundle.people()) {
      if (p.kind() == UnitKind.OFFICER) {
        persons.add(Person.officer(p.id(), p.name(), p.phone(), officeById.get(p.post())));
      } else {
        Workstation w = workstationById.get(p.post());
        persons.add(Person.auxiliary(p.id(), p.name(), p.phone(), w, officeById.get(w.officeId())));
      }
    }
    return new County(bundle.areas().stream().map(AreaRow::area).toList(),
        bundle.stations().stream().map(StationRow::station).toList(),
        bundle.offices().stream().map(OfficeRow::office).toList(),
        bundle.workstations().stream().map(WorkstationRow::workstation).toList(),
        persons, bundle.devices().stream().map(DeviceRow::device).toList(),
        bundle.roads().stream().map(RoadRow::road).toList());
  }

  // ------------------------------------------------------------------ areas

  private void checkAreas() {
    for (AreaRow row : areas.values()) {
      TopologyValidationError error = new IsValidOp(row.area().shape()).getValidationError();
      if (error != null) {
        Coordinate at = error.getCoordinate();
        areaProblem(row, "geometry", "invalid polygon: " + error.getMessage().toLowerCase(Locale.ROOT)
            + (at == null ? "" : " at [" + at.x + ", " + at.y + "]"));
      } else {
        prepared.put(row.area().code(), PreparedGeometryFactory.prepare(row.area().shape()));
      }
    }
    List<AreaRow> counties = areas.values().stream().filter(r -> r.area().level() == AreaLevel.COUNTY).toList();
    if (counties.isEmpty() && !bundle.unreadable().contains(BundleFile.AREAS)) {
      problems.add(Problem.ofFile(BundleFile.AREAS, "no area of level 'county': a bundle describes one county"));
    }
    for (AreaRow extra : counties.stream().skip(1).toList()) {
      areaProblem(extra, "level", "a second county (the first is features[" + counties.get(0).feature()
          + "]): a bundle describes one county");
    }
    if (!counties.isEmpty()) {
      countyShape = prepared.get(counties.get(0).area().code());
    }
    for (AreaRow row : areas.values()) {
      checkParent(row);
    }
  }

  private void checkParent(AreaRow row) {
    Area area = row.area();
    AreaLevel expected = switch (area.level()) {
      case COUNTY -> null;
      case TOWNSHIP -> AreaLevel.COUNTY;
      case VILLAGE, COMMITTEE -> AreaLevel.TOWNSHIP;
    };
    String what = "a " + area.level().wire();
    if (expected == null) {
      if (area.parent() != null) {
        areaProblem(row, "parent", "the county has no parent, but '" + area.parent() + "' is given");
      }
      return;
    }
    if (area.parent() == null) {
      areaProblem(row, "parent", "missing parent: " + what + "'s parent is a " + expected.wire());
      return;
    }
    AreaRow parent = areas.get(area.parent());
    if (parent == null) {
      if (bundle.judgeable(BundleFile.AREAS, area.parent())) {
        areaProblem(row, "parent", "unknown parent '" + area.parent() + "'");
      }
      return;
    }
    if (parent.area().level() != expected) {
      areaProblem(row, "parent", "parent '" + area.parent() + "' is a " + parent.area().level().wire() + "; " + what
          + "'s parent must be a " + expected.wire());
      return;
    }
    if (!prepared.containsKey(parent.area().code()) || !prepared.containsKey(area.code())
        || parents.computeIfAbsent(parent.area().code(), code -> RelateNG.prepare(parent.area().shape()))
            .evaluate(area.shape(), RelatePredicate.covers())) {
      return;
    }
    double inside = OverlayNGRobust.overlay(area.shape(), parent.area().shape(), OverlayNG.INTERSECTION).getArea()
        / area.shape().getArea();
    if (inside < INSIDE_SHARE) {
      areaProblem(row, "geometry", String.format(Locale.ROOT,
          "only %.1f%% of %s lies inside its parent %s '%s' (at least %.0f%% must)", inside * 100, what,
          expected.wire(), parent.area().code(), INSIDE_SHARE * 100));
    }
  }

  private void areaProblem(AreaRow row, String field, String message) {
    problems.add(Problem.atFeature(BundleFile.AREAS, row.feature(), field, message));
  }

  /** The area {@code code} if it is known and of one of {@code levels}; else a problem, unless it cannot be judged. */
  private Area area(BundleFile file, int line, String field, String code, String expected, AreaLevel... levels) {
    AreaRow row = areas.get(code);
    if (row == null) {
      if (bundle.judgeable(BundleFile.AREAS, code)) {
        problems.add(Problem.atLine(file, line, field, "unknown " + expected + " '" + code + "'"));
      }
      return null;
    }
    for (AreaLevel level : levels) {
      if (row.area().level() == level) {
        return row.area();
      }
    }
    problems.add(Problem.atLine(file, line, field, "'" + code + "' is a " + row.area().level().wire() + ", not a "
        + expected));
    return null;
  }

  // ------------------------------------------------------------------ police sites

  private void checkStation(StationRow row) {
    Station s = row.station();
    if (s.townshipIds().isEmpty()) {
      problems.add(Problem.atLine(BundleFile.STATIONS, row.line(), "townships", "a station needs at least one township"));
    }
    List<Area> townships = new ArrayList<>();
    for (String code : s.townshipIds()) {
      Area t = area(BundleFile.STATIONS, row.line(), "townships", code, "township", AreaLevel.TOWNSHIP);
      if (t != null) {
        townships.add(t);
      }
    }
    if (townships.size() == s.townshipIds().size()) {
      checkPoint(BundleFile.STATIONS, row.line(), "the station", s.location(), townships, "its townships");
    }
  }

  private void checkOffice(OfficeRow row) {
    Office o = row.office();
    StationRow station = reference(BundleFile.OFFICES, row.line(), "station", o.stationId(), stations,
        BundleFile.STATIONS, "station");
    List<Area> villages = new ArrayList<>();
    for (String code : o.villageIds()) {
      Area v = area(BundleFile.OFFICES, row.line(), "villages", code, "village or committee", AreaLevel.VILLAGE,
          AreaLevel.COMMITTEE);
      if (v == null) {
        continue;
      }
      villages.add(v);
      OfficeRow other = officeOfVillage.putIfAbsent(code, row);
      if (other != null && other != row) {
        problems.add(Problem.atLine(BundleFile.OFFICES, row.line(), "villages", "'" + code
            + "' is already covered by office '" + other.office().id() + "' (line " + other.line() + ")"));
      }
      if (station != null && areas.containsKey(v.parent()) && !station.station().townshipIds().contains(v.parent())) {
        problems.add(Problem.atLine(BundleFile.OFFICES, row.line(), "villages", "'" + code + "' lies in township '"
            + v.parent() + "', which is not one of station '" + o.stationId() + "''s townships"));
      }
    }
    if (villages.size() != o.villageIds().size()) {
      return;
    }
    if (!villages.isEmpty()) {
      checkPoint(BundleFile.OFFICES, row.line(), "the office", o.location(), villages, "the villages it covers");
    } else if (station != null) {
      List<Area> townships = station.station().townshipIds().stream().map(areas::get).filter(a -> a != null)
          .map(AreaRow::area).toList();
      checkPoint(BundleFile.OFFICES, row.line(), "the office", o.location(), townships, "its station's townships");
    }
  }

  private void checkWorkstation(WorkstationRow row) {
    Workstation w = row.workstation();
    OfficeRow office = reference(BundleFile.WORKSTATIONS, row.line(), "office", w.officeId(), offices,
        BundleFile.OFFICES, "office");
    Area village = area(BundleFile.WORKSTATIONS, row.line(), "village", w.villageId(), "village or committee",
        AreaLevel.VILLAGE, AreaLevel.COMMITTEE);
    if (village == null) {
      return;
    }
    checkPoint(BundleFile.WORKSTATIONS, row.line(), "the workstation", w.location(), List.of(village), "its village");
    if (office == null || bundle.unreadable().contains(BundleFile.OFFICES)) {
      return;
    }
    OfficeRow covering = officeOfVillage.get(village.code());
    if (covering == null && bundle.dropped().containsKey(BundleFile.OFFICES)) {
      return; // perhaps covered by an office row dropped for a problem of its own
    }
    if (covering == null) {
      problems.add(Problem.atLine(BundleFile.WORKSTATIONS, row.line(), "village", "'" + village.code()
          + "' is covered by no office; its workstation's office '" + w.officeId() + "' should list it"));
    } else if (covering != office) {
      problems.add(Problem.atLine(BundleFile.WORKSTATIONS, row.line(), "village", "'" + village.code()
          + "' is covered by office '" + covering.office().id() + "', not by this workstation's office '"
          + w.officeId() + "'"));
    }
  }

  /**
   * A place must lie in (or within {@link #POINT_TOLERANCE_M} of) the union of its areas; when it
   * does not, and it lies outside the county while the same numbers swapped lie inside, say so.
   */
  private void checkPoint(BundleFile file, int line, String what, GeoPoint p, List<Area> within, String whose) {
    if (within.isEmpty() || within.stream().anyMatch(a -> !prepared.containsKey(a.code()))) {
      return;
    }
    Point point = point(p.lat(), p.lon());
    if (within.stream().anyMatch(a -> prepared.get(a.code()).covers(point))) {
      return;
    }
    double metres = within.stream().mapToDouble(a -> {
      Coordinate nearest = DistanceOp.nearestPoints(a.shape(), point)[0];
      return GeoPoint.distanceMeters(p.lat(), p.lon(), nearest.y, nearest.x);
    }).min().orElseThrow();
    if (metres <= POINT_TOLERANCE_M) {
      return;
    }
    String codes = within.stream().map(Area::code).collect(Collectors.joining(", "));
    String message = String.format(Locale.ROOT, "%s (lat %s, lon %s) lies %.0f m outside %s (%s)", what, p.lat(), p.lon(),
        metres, whose, codes);
    if (countyShape != null && !countyShape.covers(point) && GeoJson.inRange(p.lon(), p.lat())
        && countyShape.covers(point(p.lon(), p.lat()))) {
      message += "; lat and lon look swapped: the place lies outside the county, the swapped one inside";
    }
    problems.add(Problem.atLine(file, line, "lat", message));
  }

  private static Point point(double lat, double lon) {
    return FACTORY.createPoint(new Coordinate(lon, lat));
  }

  // ------------------------------------------------------------------ people and devices

  private void checkPerson(PersonRow row) {
    boolean officer = row.kind() == UnitKind.OFFICER;
    Map<String, ?> right = officer ? offices : workstations;
    Map<String, ?> wrong = officer ? workstations : offices;
    BundleFile rightFile = officer ? BundleFile.OFFICES : BundleFile.WORKSTATIONS;
    if (right.containsKey(row.post()) || !bundle.judgeable(rightFile, row.post())) {
      return;
    }
    String expected = officer ? "an officer's post is an office" : "an auxiliary's post is a workstation";
    if (wrong.containsKey(row.post())) {
      problems.add(Problem.atLine(BundleFile.PEOPLE, row.line(), "post", "'" + row.post() + "' is "
          + (officer ? "a workstation" : "an office") + "; " + expected));
    } else {
      problems.add(Problem.atLine(BundleFile.PEOPLE, row.line(), "post", "unknown post '" + row.post() + "'; " + expected));
    }
  }

  private void checkDevice(DeviceRow row) {
    Device d = row.device();
    if (!DeviceIds.isValid(d.id())) {
      problems.add(Problem.atLine(BundleFile.DEVICES, row.line(), "device_id", "'" + d.id() + "' is not a device id: 1-"
          + DeviceIds.MAX_LENGTH + " letters, digits, '.', '_' or '-'"));
    }
    reference(BundleFile.DEVICES, row.line(), "person_id", d.personId(), people, BundleFile.PEOPLE, "person");
  }

  // ------------------------------------------------------------------ common

  /** The row {@code code} names in {@code target}; else a problem, unless it cannot be judged. */
  private <T> T reference(BundleFile file, int line, String field, String code, Map<String, T> rows, BundleFile target,
                          String what) {
    T row = rows.get(code);
    if (row == null && bundle.judgeable(target, code)) {
      problems.add(Problem.atLine(file, line, field, "unknown " + what + " '" + code + "'"));
    }
    return row;
  }

  /** The rows by code, first one kept; every later one with the same code is a problem. */
  private <T> Map<String, T> unique(BundleFile file, List<T> rows, Function<T, String> code, Function<T, Integer> at,
                                    String field, boolean feature) {
    Map<String, T> out = new LinkedHashMap<>();
    for (T row : rows) {
      T first = out.putIfAbsent(code.apply(row), row);
      if (first != null) {
        String where = feature ? "features[" + at.apply(first) + "]" : "line " + at.apply(first);
        String message = "duplicate " + field + " '" + code.apply(row) + "' (first at " + where + ")";
        problems.add(feature ? Problem.atFeature(file, at.apply(row), field, message)
            : Problem.atLine(file, at.apply(row), field, message));
      }
    }
    return out;
  }
}
