package org.lamplight.bench;

import java.util.ArrayList;
import java.util.List;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * A county of {@code side × side} square villages of 0.01° in rows of townships of {@code side}
 * villages each, one station per township, an office per four villages with its officer, a
 * workstation and an auxiliary in every village, one device each: a county of any size for the
 * evaluation benchmark, with codes of equal length.
 */
final class SyntheticCounty {

  private static final double SIZE = 0.01;
  private static final double LAT0 = 30.0;
  private static final double LON0 = 110.0;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private SyntheticCounty() {
  }

  static County of(int side) {
    List<Area> areas = new ArrayList<>();
    areas.add(new Area("C0", "基准县", AreaLevel.COUNTY, null, square(0, 0, side)));
    List<Station> stations = new ArrayList<>();
    List<Office> offices = new ArrayList<>();
    List<Workstation> workstations = new ArrayList<>();
    List<Person> people = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    for (int row = 0; row < side; row++) {
      String township = String.format("T%03d", row);
      areas.add(new Area(township, "乡镇" + row, AreaLevel.TOWNSHIP, "C0", rectangle(row, 0, 1, side)));
      Station station = new Station(String.format("S%03d", row), "派出所" + row, middle(row, 0), List.of(township));
      stations.add(station);
      List<String> officeVillages = new ArrayList<>();
      for (int col = 0; col < side; col++) {
        String village = String.format("V%05d", row * side + col);
        areas.add(new Area(village, "村" + village, AreaLevel.VILLAGE, township, square(row, col, 1)));
        officeVillages.add(village);
        if (officeVillages.size() == 4 || col == side - 1) {
          Office office = new Office(String.format("O%05d", offices.size()), "警务室" + offices.size(), station.id(),
              middle(row, col), officeVillages);
          offices.add(office);
          Person officer = Person.officer(String.format("off-%05d", offices.size() - 1), "民警", "", office);
          people.add(officer);
          devices.add(new Device("dev-" + officer.id(), officer.id()));
          for (String v : officeVillages) {
            int index = Integer.parseInt(v.substring(1));
            Workstation ws = new Workstation(String.format("W%05d", index), "工作站" + index, office.id(), v,
                middle(index / side, index % side));
            workstations.add(ws);
            Person aux = Person.auxiliary(String.format("aux-%05d", index), "辅警", "", ws, office);
            people.add(aux);
            devices.add(new Device("dev-" + aux.id(), aux.id()));
          }
          officeVillages = new ArrayList<>();
        }
      }
    }
    return new County(areas, stations, offices, workstations, people, devices, List.of());
  }

  private static GeoPoint middle(int row, int col) {
    return new GeoPoint(LAT0 + (row + 0.5) * SIZE, LON0 + (col + 0.5) * SIZE);
  }

  private static Polygon square(int row, int col, int cells) {
    return rectangle(row, col, cells, cells);
  }

  private static Polygon rectangle(int row, int col, int rows, int cols) {
    double lat0 = LAT0 + row * SIZE;
    double lon0 = LON0 + col * SIZE;
    double lat1 = lat0 + rows * SIZE;
    double lon1 = lon0 + cols * SIZE;
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(lon0, lat0), new Coordinate(lon1, lat0),
        new Coordinate(lon1, lat1), new Coordinate(lon0, lat1), new Coordinate(lon0, lat0)});
  }
}
