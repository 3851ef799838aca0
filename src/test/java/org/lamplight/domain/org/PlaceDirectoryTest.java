package org.lamplight.domain.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.geo.GeoPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class PlaceDirectoryTest {

  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private static final County COUNTY = new County(List.of(
      area("C", "示范县", AreaLevel.COUNTY, null, 0),
      area("T1", "王集镇", AreaLevel.TOWNSHIP, "C", 0),
      area("V1", "王庄村", AreaLevel.VILLAGE, "T1", 0),
      area("V2", "吴张村", AreaLevel.VILLAGE, "T1", 1),
      area("V3", "东王庄村", AreaLevel.VILLAGE, "T1", 2),
      area("V4", "城关社区", AreaLevel.COMMITTEE, "T1", 3)),
      List.of(new Station("S1", "王集派出所", new GeoPoint(0.5, 0.5), List.of("T1"))),
      List.of(), List.of(), List.of(), List.of(), List.of());

  private final PlaceDirectory places = PlaceDirectory.of(COUNTY);

  @Test
  void initialsFindEveryPlaceWithThemInPinyinOrderAfterThoseThatStartWithThem() {
    assertThat(places.search("wzc", 10)).extracting(Place::name).containsExactly("王庄村", "吴张村", "东王庄村");
  }

  @Test
  void aPartOfTheNameFindsItAndTheWholeNameComesFirst() {
    assertThat(places.search("王庄村", 10)).extracting(Place::name).containsExactly("王庄村", "东王庄村");
    assertThat(places.search("王集", 10)).extracting(Place::kind).containsExactly(Place.Kind.TOWNSHIP, Place.Kind.STATION);
  }

  @Test
  void aPlaceCarriesItsTownshipInitialsAndAPointInsideIt() {
    Place village = places.search("dwzc", 1).get(0);
    assertThat(village).extracting(Place::id, Place::township, Place::initials, Place::kind)
        .containsExactly("V3", "王集镇", "dwzc", Place.Kind.VILLAGE);
    assertThat(COUNTY.villageAt(village.at().lat(), village.at().lon())).map(Area::code).contains("V3");
    assertThat(places.search("cgsq", 1).get(0).kind()).isEqualTo(Place.Kind.COMMITTEE);
    assertThat(places.search("wjpcs", 1).get(0).at()).isEqualTo(new GeoPoint(0.5, 0.5));
  }

  @Test
  void upperCaseInitialsAndSpacesAroundThemFindTheSame() {
    assertThat(places.search("  WZC ", 10)).isEqualTo(places.search("wzc", 10));
  }

  @Test
  void aBlankQueryOrOneThatMatchesNothingFindsNothingAndTheLimitHolds() {
    assertThat(places.search(" ", 10)).isEmpty();
    assertThat(places.search(null, 10)).isEmpty();
    assertThat(places.search("qqq", 10)).isEmpty();
    assertThat(places.search("c", 2)).hasSize(2);
    assertThat(places.search("县", 10)).as("the county itself is no place to send anyone").isEmpty();
  }

  /** A unit square, the i-th along the equator (the county and township span them all). */
  private static Area area(String code, String name, AreaLevel level, String parent, int i) {
    double w = level.isVillageLike() ? 1 : 4;
    Polygon square = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(i, 0), new Coordinate(i + w, 0),
        new Coordinate(i + w, 1), new Coordinate(i, 1), new Coordinate(i, 0)});
    return new Area(code, name, level, parent, square);
  }
}
