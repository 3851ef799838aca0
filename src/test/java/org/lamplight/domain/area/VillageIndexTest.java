package org.lamplight.domain.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Shapes on a plain grid (x = longitude, y = latitude):
 * <pre>
 *  y=2 +----+----+    +---------+      V005 with a hole that C006 fills,
 *      |V003|V004|    |  V005   |      V007 with an empty hole, V008 in two parts,
 *  y=1 +----+----+    | +-C006-+|      V009 and V010 overlapping for 11 &lt; x &lt; 12.
 *      |V001|V002|    | +------+|
 *  y=0 +----+----+    +---------+
 *      0    1    2    3         5
 * </pre>
 */
class VillageIndexTest {

  private static final List<Area> COUNTY = List.of(
      area("T01", AreaLevel.TOWNSHIP, "POLYGON ((-1 -1, 30 -1, 30 5, -1 5, -1 -1))"),
      village("V001", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
      village("V002", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"),
      village("V003", "POLYGON ((0 1, 1 1, 1 2, 0 2, 0 1))"),
      village("V004", "POLYGON ((1 1, 2 1, 2 2, 1 2, 1 1))"),
      village("V005", "POLYGON ((3 0, 5 0, 5 2, 3 2, 3 0), (3.5 0.5, 4.5 0.5, 4.5 1.5, 3.5 1.5, 3.5 0.5))"),
      area("C006", AreaLevel.COMMITTEE, "POLYGON ((3.5 0.5, 4.5 0.5, 4.5 1.5, 3.5 1.5, 3.5 0.5))"),
      village("V007", "POLYGON ((20 0, 23 0, 23 3, 20 3, 20 0), (21 1, 22 1, 22 2, 21 2, 21 1))"),
      village("V008", "MULTIPOLYGON (((6 0, 7 0, 7 1, 6 1, 6 0)), ((8 0, 9 0, 9 1, 8 1, 8 0)))"),
      village("V009", "POLYGON ((11 0, 13 0, 13 1, 11 1, 11 0))"),
      village("V010", "POLYGON ((10 0, 12 0, 12 1, 10 1, 10 0))"));

  private final VillageIndex index = VillageIndex.of(COUNTY);

  @Test
  void indexesVillagesAndCommitteesOnly() {
    assertThat(index.size()).isEqualTo(10);
    assertThat(index.codes()).startsWith("C006", "V001").doesNotContain("T01");
    assertThat(index.contains("T01")).isFalse();
  }

  @Test
  void aFixInsideAVillageIsInIt() {
    assertThat(at(0.5, 0.5)).contains("V001");
    assertThat(at(1.5, 1.5)).contains("V004");
  }

  @Test
  void aFixOutsideEveryVillageIsInNone() {
    assertThat(at(2.5, 0.5)).isEmpty();
    assertThat(at(-0.5, 0.5)).isEmpty();
  }

  @Test
  void aFixOnTheBorderCountsForTheLowerCode() {
    assertThat(at(1, 0.5)).contains("V001");
    assertThat(at(1.5, 1)).contains("V002");
    assertThat(at(0.5, 1)).contains("V001");
  }

  @Test
  void aFixWhereFourVillagesMeetCountsForTheLowestCode() {
    assertThat(at(1, 1)).contains("V001");
  }

  @Test
  void aFixOnAnOuterBorderBelongsToThatVillage() {
    assertThat(at(0, 0.5)).contains("V001");
    assertThat(at(2, 2)).contains("V004");
  }

  @Test
  void aHoleIsNotPartOfTheVillage() {
    assertThat(at(21.5, 1.5)).isEmpty();
    assertThat(at(20.5, 1.5)).contains("V007");
  }

  @Test
  void theBorderOfAHoleBelongsToTheVillage() {
    assertThat(at(21, 1.5)).contains("V007");
  }

  @Test
  void aCommitteeInsideAVillagesHoleTakesItsOwnFixes() {
    assertThat(at(4, 1)).contains("C006");
    assertThat(at(3.2, 1)).contains("V005");
    assertThat(at(3.5, 1)).as("on the hole's rim, both claim it; C006 < V005").contains("C006");
  }

  @Test
  void everyPartOfAMultiPolygonBelongsToTheVillage() {
    assertThat(at(6.5, 0.5)).contains("V008");
    assertThat(at(8.5, 0.5)).contains("V008");
    assertThat(at(7.5, 0.5)).isEmpty();
  }

  @Test
  void whereVillagesOverlapTheLowerCodeTakesTheFix() {
    assertThat(at(11.5, 0.5)).contains("V009");
    assertThat(index.villageAt(0.5, 11.5, "V010")).contains("V009");
    assertThat(at(10.5, 0.5)).contains("V010");
    assertThat(at(12.5, 0.5)).contains("V009");
  }

  @Test
  void thePreviousVillageNeverChangesTheAnswer() {
    List<String> hints = new ArrayList<>(index.codes());
    hints.add("unknown");
    hints.add(null);
    for (double x = -0.5; x <= 23.5; x += 0.25) {
      for (double y = -0.5; y <= 3.5; y += 0.25) {
        Optional<String> expected = at(x, y);
        for (String hint : hints) {
          assertThat(index.villageAt(y, x, hint)).as("(%s, %s) after %s", x, y, hint).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void anEmptyCountyHasNoVillages() {
    VillageIndex empty = VillageIndex.of(List.of());
    assertThat(empty.size()).isZero();
    assertThat(empty.villageAt(33, 114)).isEmpty();
  }

  @Test
  void aVillageMustHaveAnArea() {
    assertThatThrownBy(() -> VillageIndex.of(List.of(village("V001", "LINESTRING (0 0, 1 1)"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("V001").hasMessageContaining("LineString");
    assertThatThrownBy(() -> VillageIndex.of(List.of(village("V001", "POLYGON EMPTY"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V001");
  }

  @Test
  void villageCodesAreUnique() {
    assertThatThrownBy(() -> VillageIndex.of(List.of(village("V001", "POLYGON ((0 0, 1 0, 1 1, 0 0))"),
        village("V001", "POLYGON ((2 0, 3 0, 3 1, 2 0))"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V001 appears twice");
  }

  private Optional<String> at(double x, double y) {
    return index.villageAt(y, x);
  }

  static Area village(String code, String wkt) {
    return area(code, AreaLevel.VILLAGE, wkt);
  }

  static Area area(String code, AreaLevel level, String wkt) {
    return new Area(code, code, level, level == AreaLevel.TOWNSHIP ? null : "T01", shape(wkt));
  }

  static Geometry shape(String wkt) {
    try {
      return new WKTReader().read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
