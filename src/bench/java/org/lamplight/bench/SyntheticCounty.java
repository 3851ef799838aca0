package org.lamplight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * A county of villages in a grid of cells, a row of villages per township, one station per
 * township, an office per four villages with its officer, a workstation and an auxiliary in every
 * village, one device each: a county of any size for the benchmarks, with codes of equal length.
 * A cell's borders may bend through points of their own, as surveyed borders do; each border is
 * drawn once, so neighbours share it exactly and townships and the county follow their villages.
 */
final class SyntheticCounty {

  private static final double LAT0 = 30.0;
  private static final double LON0 = 110.0;
  /** How far a bent border strays from the straight one, at most, in cells. */
  private static final double BEND = 0.08;
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final int cols;
  private final double size;
  /** Borders along a row's south side ({@code across[row][col]}, west to east) and a column's west side ({@code up}). */
  private final Coordinate[][][] across;
  private final Coordinate[][][] up;

  private SyntheticCounty(int rows, int cols, double size, int bends) {
    this.cols = cols;
    this.size = size;
    across = new Coordinate[rows + 1][cols][];
    up = new Coordinate[rows][cols + 1][];
    for (int r = 0; r <= rows; r++) {
      for (int c = 0; c < cols; c++) {
        across[r][c] = border(r, c, true, bends);
      }
    }
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c <= cols; c++) {
        up[r][c] = border(r, c, false, bends);
      }
    }
  }

  /** {@code side × side} square villages of 0.01° with straight borders. */
  static County of(int side) {
    return of(side, side, 0.01, 0);
  }

  /**
   * {@code townships} rows of {@code villagesPerTownship} villages in cells of {@code cellDegrees},
   * each side of a cell bent through {@code bends} points.
   */
  static County of(int townships, int villagesPerTownship, double cellDegrees, int bends) {
    return new SyntheticCounty(townships, villagesPerTownship, cellDegrees, bends).county(townships);
  }

  private County county(int rows) {
    List<Area> areas = new ArrayList<>();
    areas.add(new Area("C0", "基准县", AreaLevel.COUNTY, null, block(0, 0, rows, cols)));
    List<Station> stations = new ArrayList<>();
    List<Office> offices = new ArrayList<>();
    List<Workstation> workstations = new ArrayList<>();
    List<Person> people = new ArrayList<>();
    List<Device> devices = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      String township = String.format("T%03d", row);
      areas.add(new Area(township, "乡镇" + row, AreaLevel.TOWNSHIP, "C0", block(row, 0, 1, cols)));
      Station station = new Station(String.format("S%03d", row), "派出所" + row, middle(row, 0), List.of(township));
      stations.add(station);
      List<String> officeVillages = new ArrayList<>();
      for (int col = 0; col < cols; col++) {
        String village = String.format("V%05d", row * cols + col);
        areas.add(new Area(village, "村" + village, AreaLevel.VILLAGE, township, block(row, col, 1, 1)));
        officeVillages.add(village);
        if (officeVillages.size() == 4 || col == cols - 1) {
          Office office = new Office(String.format("O%05d", offices.size()), "警务室" + offices.size(), station.id(),
              middle(row, col), officeVillages);
          offices.add(office);
          Person officer = Person.officer(String.format("off-%05d", offices.size() - 1), "民警", "", office);
          people.add(officer);
          devices.add(new Device("dev-" + officer.id(), officer.id()));
          for (String v : officeVillages) {
            int index = Integer.parseInt(v.substring(1));
            Workstation ws = new Workstation(String.format("W%05d", index), "工作站" + index, office.id(), v,
                middle(index / cols, index % cols));
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

  private GeoPoint middle(int row, int col) {
    return new GeoPoint(LAT0 + (row + 0.5) * size, LON0 + (col + 0.5) * size);
  }

  /**
   * A border from the corner at {@code (row, col)} one cell east ({@code across}) or north: a
   * smooth wobble with a little noise, zero at both corners and steep nowhere near them, so no two
   * borders cross and none crosses itself.
   */
  private Coordinate[] border(int row, int col, boolean across, int bends) {
    SplittableRandom rnd = new SplittableRandom((row * 100_003L + col) * 2 + (across ? 0 : 1));
    double[] amplitude = {rnd.nextDouble(BEND / 2), rnd.nextDouble(BEND / 4), rnd.nextDouble(BEND / 8)};
    double[] phase = {rnd.nextDouble(2 * Math.PI), rnd.nextDouble(2 * Math.PI), rnd.nextDouble(2 * Math.PI)};
    double lat0 = lat(row);
    double lon0 = lon(col);
    Coordinate[] points = new Coordinate[bends + 2];
    points[0] = new Coordinate(lon0, lat0);
    for (int i = 1; i <= bends; i++) {
      double t = (double) i / (bends + 1);
      double offset = 0;
      for (int k = 0; k < amplitude.length; k++) {
        offset += amplitude[k] * Math.sin((k + 1) * Math.PI * t + phase[k]);
      }
      offset = (offset + rnd.nextDouble(-BEND / 8, BEND / 8)) * Math.sin(Math.PI * t) * size;
      points[i] = across ? new Coordinate(lon0 + t * size, lat0 + offset)
          : new Coordinate(lon0 + offset, lat0 + t * size);
    }
    // the far corner as every other border reaching it has it, to the last bit
    points[bends + 1] = across ? new Coordinate(lon(col + 1), lat0) : new Coordinate(lon0, lat(row + 1));
    return points;
  }

  private double lat(int row) {
    return LAT0 + row * size;
  }

  private double lon(int col) {
    return LON0 + col * size;
  }

  /** The outline of {@code rows × cols} cells from {@code (row, col)}, along the cells' own borders. */
  private Polygon block(int row, int col, int rows, int cols) {
    List<Coordinate> ring = new ArrayList<>();
    ring.add(across[row][col][0].copy());
    for (int c = col; c < col + cols; c++) {
      append(ring, across[row][c], false);
    }
    for (int r = row; r < row + rows; r++) {
      append(ring, up[r][col + cols], false);
    }
    for (int c = col + cols - 1; c >= col; c--) {
      append(ring, across[row + rows][c], true);
    }
    for (int r = row + rows - 1; r >= row; r--) {
      append(ring, up[r][col], true);
    }
    return GEOMETRY.createPolygon(ring.toArray(Coordinate[]::new));
  }

  /** A border's points after its first (the ring's last so far), forwards or backwards. */
  private static void append(List<Coordinate> ring, Coordinate[] border, boolean backwards) {
    for (int i = 1; i < border.length; i++) {
      ring.add(border[backwards ? border.length - 1 - i : i].copy());
    }
  }
}
