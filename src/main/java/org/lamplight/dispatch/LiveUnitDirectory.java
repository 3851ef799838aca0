package org.lamplight.dispatch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.Predicate;
import org.lamplight.domain.dispatch.UnitDirectory;
import org.lamplight.domain.dispatch.UnitSnapshot;
import org.lamplight.domain.org.Coverage;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;

/** Dispatch's read-only view of the live units and of which office and workstation cover a place. */
public final class LiveUnitDirectory implements UnitDirectory {

  private final LiveUnits units;
  private final Supplier<Cover> cover;

  /** Who covers what in one county: built again when the county changes. */
  private record Cover(Coverage coverage, Map<String, String> officerByOffice) {
    static Cover of(County county) {
      Map<String, String> officers = new HashMap<>();
      for (Person p : county.people()) {
        if (p.kind() == UnitKind.OFFICER) {
          officers.put(p.officeId(), p.id());
        }
      }
      return new Cover(new Coverage(county), officers);
    }
  }

  public LiveUnitDirectory(LiveUnits units, CurrentCounty county) {
    this.units = units;
    this.cover = county.derived(Cover::of);
  }

  @Override
  public List<UnitSnapshot> near(double lat, double lon, double radiusM, int limit) {
    return near(lat, lon, radiusM, limit, null);
  }

  @Override
  public List<UnitSnapshot> nearOnDuty(double lat, double lon, double radiusM, int limit, Predicate<String> skip) {
    return near(lat, lon, radiusM, limit, u -> u.online() && u.onDuty() && !skip.test(u.person().id()));
  }

  @Override
  public List<UnitSnapshot> nearFree(double lat, double lon, double radiusM, int limit, Predicate<String> skip) {
    return near(lat, lon, radiusM, limit, u -> u.online() && u.onDuty()
        && UnitStates.AVAILABLE.equals(u.dispatchState()) && !skip.test(u.person().id()));
  }

  private List<UnitSnapshot> near(double lat, double lon, double radiusM, int limit, Predicate<UnitView> filter) {
    return units.nearest(lat, lon, radiusM, limit, filter).stream().map(n -> snapshot(n.unit())).toList();
  }

  @Override
  public Optional<UnitSnapshot> get(String unitId) {
    return units.unit(unitId).map(LiveUnitDirectory::snapshot);
  }

  @Override
  public Optional<UnitSnapshot> coveringOfficer(double lat, double lon) {
    Cover c = cover.get();
    return c.coverage().officeAt(lat, lon).map(o -> c.officerByOffice().get(o.id())).flatMap(this::get);
  }

  @Override
  public Optional<String> nearestWorkstationId(double lat, double lon) {
    return cover.get().coverage().workstationAt(lat, lon).map(Workstation::id);
  }

  public Optional<String> stationAt(double lat, double lon) {
    return cover.get().coverage().stationAt(lat, lon);
  }

  private static UnitSnapshot snapshot(UnitView u) {
    Person p = u.person();
    PositionFix f = u.fix();
    double lat = f == null ? p.home().lat() : f.lat();
    double lon = f == null ? p.home().lon() : f.lon();
    return new UnitSnapshot(p.id(), u.deviceId(), p.kind(), p.workstationId(), p.officeId(), p.stationId(), u.online(),
        u.onDuty(), u.channel(), lat, lon, f == null ? 0 : f.timestampMs());
  }
}
