package org.lamplight.county;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;

/**
 * A county bundle as read: every row that could be parsed, with where it came from, and the
 * problems met while reading. Nothing is cross-checked yet ({@link BundleValidator} does that).
 *
 * @param hasRoads whether the bundle has a roads.geojson (then it replaces the county's roads)
 * @param unreadable files that could not be read at all (missing, bad header, not JSON): nothing
 *     is said about references into them, the file's own problem says it
 * @param dropped per file, the codes of rows that were read but dropped for a problem of their
 *     own, so that references to them do not count as unknown
 */
public record Bundle(List<AreaRow> areas, List<RoadRow> roads, boolean hasRoads, List<StationRow> stations,
                     List<OfficeRow> offices, List<WorkstationRow> workstations, List<PersonRow> people,
                     List<DeviceRow> devices, Set<BundleFile> unreadable, Map<BundleFile, Set<String>> dropped,
                     List<Problem> problems) {

  public Bundle {
    areas = List.copyOf(areas);
    roads = List.copyOf(roads);
    stations = List.copyOf(stations);
    offices = List.copyOf(offices);
    workstations = List.copyOf(workstations);
    people = List.copyOf(people);
    devices = List.copyOf(devices);
    unreadable = Set.copyOf(unreadable);
    dropped = Map.copyOf(dropped);
    problems = List.copyOf(problems);
  }

  /** Whether a reference to {@code code} in {@code file} can be judged: the file was read and the row not dropped. */
  boolean judgeable(BundleFile file, String code) {
    return !unreadable.contains(file) && !dropped.getOrDefault(file, Set.of()).contains(code);
  }

  /** @param feature index in the FeatureCollection's features */
  public record AreaRow(int feature, Area area) {
  }

  public record RoadRow(int feature, Road road) {
  }

  /** @param line the CSV line (the header is line 1) */
  public record StationRow(int line, Station station) {
  }

  public record OfficeRow(int line, Office office) {
  }

  public record WorkstationRow(int line, Workstation workstation) {
  }

  /** A person as the bundle gives them: the post is resolved against offices or workstations by kind. */
  public record PersonRow(int line, String id, String name, UnitKind kind, String phone, String post) {
  }

  public record DeviceRow(int line, Device device) {
  }
}
