package org.lamplight.domain.coverage;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lamplight.domain.area.VillageIndex;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A 3 x 3 grid of square villages, 0.01 degrees a side (about 1.1 km north-south, 0.9 km
 * east-west), south-west corner at 33.80 N 114.50 E. Village {@code Vrc} is row r (from the
 * south) and column c (from the west), both 1..3. Everything outside the grid is in no village.
 */
final class TestVillages {

  static final double SOUTH = 33.80;
  static final double WEST = 114.50;
  static final double SIDE = 0.01;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final LocalDate DAY = LocalDate.of(2024, 3, 15);
  static final VillageIndex INDEX = VillageIndex.of(villages());

  private TestVillages() {
  }

  private static List<Area> villages() {
    GeometryFactory factory = new GeometryFactory();
    List<Area> areas = new ArrayList<>();
    for (int row = 1; row <= 3; row++) {
      for (int col = 1; col <= 3; col++) {
        double s = lat(row, 0);
        double n = lat(row + 1, 0);
        double w = lon(col, 0);
        double e = lon(col + 1, 0);
        Coordinate[] ring = {new Coordinate(w, s), new Coordinate(e, s), new Coordinate(e, n),
            new Coordinate(w, n), new Coordinate(w, s)};
        String code = "V" + row + col;
        areas.add(new Area(code, code, AreaLevel.VILLAGE, "T01", factory.createPolygon(ring)));
      }
    }
    return areas;
  }

  /** Latitude of a point in row r at a fraction f (0..1) of the way north through it. */
  static double lat(int row, double f) {
    return SOUTH + (row - 1 + f) * SIDE;
  }

  static double lon(int col, double f) {
    return WEST + (col - 1 + f) * SIDE;
  }

  /** Epoch ms of a time on {@link #DAY} (or the days after, with hours past 24) in the county's zone. */
  static long at(int hour, int minute) {
    return at(hour, minute, 0);
  }

  static long at(int hour, int minute, int second) {
    return DAY.plusDays(hour / 24).atTime(LocalTime.of(hour % 24, minute, second)).atZone(ZONE)
        .toInstant().toEpochMilli();
  }

  static long minutes(double m) {
    return Math.round(m * 60_000);
  }
}
