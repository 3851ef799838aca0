package org.lamplight.domain.dispatch;

import org.lamplight.domain.org.UnitKind;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.tracking.OrderChannel;

/**
 * A brute-force unit directory on a north-south line: every position is given in metres north
 * of {@link #ORIGIN}, where test incidents happen. Auxiliaries get a workstation where they
 * stand unless told otherwise; each officer has an office where it stands.
 */
final class FakeUnitDirectory implements UnitDirectory {

  static final GeoPoint ORIGIN = new GeoPoint(30.0, 120.0);
  private static final double METRES_PER_DEGREE_LAT = 111_195.08;

  private final long fixTimestampMs;
  private final Map<String, UnitSnapshot> units = new LinkedHashMap<>();
  private final Map<String, GeoPoint> workstations = new LinkedHashMap<>();
  private final Map<String, GeoPoint> officerOffices = new LinkedHashMap<>();

  /** @param fixTimestampMs when the positions of units added from now on were taken */
  FakeUnitDirectory(long fixTimestampMs) {
    this.fixTimestampMs = fixTimestampMs;
  }

  static double latNorth(double metres) {
    return ORIGIN.lat() + metres / METRES_PER_DEGREE_LAT;
  }

  UnitSnapshot auxiliary(String unitId, double metresNorth) {
    return auxiliary(unitId, "W-" + unitId, metresNorth);
  }

  /** An auxiliary away from its workstation, which must be added with {@link #workstation}. */
  UnitSnapshot auxiliary(String unitId, String workstationId, double metresNorth) {
    return auxiliaryAt(unitId, workstationId, at(metresNorth));
  }

  /** An auxiliary anywhere, off the north-south line. */
  UnitSnapshot auxiliaryAt(String unitId, GeoPoint place) {
    return auxiliaryAt(unitId, "W-" + unitId, place);
  }

  private UnitSnapshot auxiliaryAt(String unitId, String workstationId, GeoPoint place) {
    workstations.putIfAbsent(workstationId, place);
    return put(new UnitSnapshot(unitId, "dev-" + unitId, UnitKind.AUXILIARY, workstationId, "O01",
        "S01", true, true, OrderChannel.ORDERS, place.lat(), place.lon(), fixTimestampMs));
  }

  void workstation(String workstationId, double metresNorth) {
    workstations.put(workstationId, at(metresNorth));
  }

  /** A community officer whose police office stands where the officer does. */
  UnitSnapshot officer(String unitId, String stationId, double metresNorth) {
    officerOffices.put(unitId, at(metresNorth));
    return put(new UnitSnapshot(unitId, "dev-" + unitId, UnitKind.OFFICER, null, "O-" + unitId,
        stationId, true, true, OrderChannel.ORDERS, latNorth(metresNorth), ORIGIN.lon(), fixTimestampMs));
  }

  UnitSnapshot put(UnitSnapshot unit) {
    units.put(unit.unitId(), unit);
    return unit;
  }

  void remove(String unitId) {
    units.remove(unitId);
  }

  void change(String unitId, UnaryOperator<UnitSnapshot> change) {
    units.put(unitId, change.apply(units.get(unitId)));
  }

  /** Online with orders, or offline (and so with no channel at all). */
  static UnitSnapshot withOnline(UnitSnapshot u, boolean online) {
    return new UnitSnapshot(u.unitId(), u.deviceId(), u.kind(), u.workstationId(), u.officeId(),
        u.stationId(), online, u.onDuty(), online ? OrderChannel.ORDERS : OrderChannel.NONE, u.lat(), u.lon(),
        u.fixTimestampMs());
  }

  /** Online on a device that can be told only this much (Traccar Client: none, OwnTracks: locate). */
  static UnitSnapshot withChannel(UnitSnapshot u, OrderChannel channel) {
    return new UnitSnapshot(u.unitId(), u.deviceId(), u.kind(), u.workstationId(), u.officeId(),
        u.stationId(), u.online(), u.onDuty(), channel, u.lat(), u.lon(), u.fixTimestampMs());
  }

  static UnitSnapshot withFixAt(UnitSnapshot u, long fixTimestampMs) {
    return new UnitSnapshot(u.unitId(), u.deviceId(), u.kind(), u.workstationId(), u.officeId(),
        u.stationId(), u.online(), u.onDuty(), u.channel(), u.lat(), u.lon(), fixTimestampMs);
  }

  @Override
  public List<UnitSnapshot> near(double lat, double lon, double radiusM, int limit) {
    GeoPoint point = new GeoPoint(lat, lon);
    return units.values().stream()
        .filter(u -> distance(point, u) <= radiusM)
        .sorted(Comparator.comparingDouble(u -> distance(point, u)))
        .limit(limit)
        .toList();
  }

  @Override
  public List<UnitSnapshot> nearOnDuty(double lat, double lon, double radiusM, int limit, Predicate<String> skip) {
    return near(lat, lon, radiusM, Integer.MAX_VALUE).stream()
        .filter(u -> u.isAvailable() && !skip.test(u.unitId()))
        .limit(limit)
        .toList();
  }

  /** Knows no incidents: every online unit on duty may take one, claims decide. */
  @Override
  public List<UnitSnapshot> nearFree(double lat, double lon, double radiusM, int limit, Predicate<String> skip) {
    return nearOnDuty(lat, lon, radiusM, limit, skip);
  }

  @Override
  public Optional<UnitSnapshot> get(String unitId) {
    return Optional.ofNullable(units.get(unitId));
  }

  @Override
  public Optional<UnitSnapshot> coveringOfficer(double lat, double lon) {
    return nearest(officerOffices, new GeoPoint(lat, lon)).map(units::get);
  }

  @Override
  public Optional<String> nearestWorkstationId(double lat, double lon) {
    return nearest(workstations, new GeoPoint(lat, lon));
  }

  private static Optional<String> nearest(Map<String, GeoPoint> places, GeoPoint point) {
    return places.entrySet().stream()
        .min(Comparator.comparingDouble(e -> e.getValue().distanceTo(point)))
        .map(Map.Entry::getKey);
  }

  private static double distance(GeoPoint point, UnitSnapshot unit) {
    return point.distanceTo(new GeoPoint(unit.lat(), unit.lon()));
  }

  private static GeoPoint at(double metresNorth) {
    return new GeoPoint(latNorth(metresNorth), ORIGIN.lon());
  }
}
