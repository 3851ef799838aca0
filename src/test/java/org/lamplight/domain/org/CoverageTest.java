package org.lamplight.domain.org;

import org.lamplight.domain.area.Area;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.county.BundleFiles;
import org.lamplight.county.BundleReader;
import org.lamplight.county.BundleSource;
import org.lamplight.county.BundleValidator;
import org.lamplight.county.Validation;
import org.lamplight.domain.geo.GeoPoint;

/** Who covers a place, on the small test county (src/test/resources/bundles/small). */
class CoverageTest {

  private static final County SMALL = small();
  private final Coverage coverage = new Coverage(SMALL);

  private static County small() {
    try {
      Path dir = Path.of(CoverageTest.class.getResource("/bundles/small/areas.geojson").toURI()).getParent();
      return ((Validation.Valid) BundleValidator.validate(BundleReader.read(BundleFiles.read(
          new BundleSource.Directory(dir), 1 << 20, 1 << 20)))).county();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPlaceInAVillageIsCoveredByItsOfficeStationAndWorkstationEvenWhenOthersAreNearer() {
    // the east edge of V3, nearer to V4's workstation and office (another station's) than to its own
    double lat = 34.46;
    double lon = 113.099;
    assertThat(SMALL.villageAt(lat, lon).map(Area::code)).contains("V3");
    assertThat(coverage.workstationAt(lat, lon).map(Workstation::id)).contains("W3");
    assertThat(coverage.officeAt(lat, lon).map(Office::id)).contains("O2");
    assertThat(coverage.stationAt(lat, lon)).contains("S1");
  }

  @Test
  void aPlaceInNoVillageFallsBackToTheNearest() {
    // the strip between the two parts of committee K2, and a place north of the county
    assertThat(SMALL.villageAt(34.47, 113.175)).isEmpty();
    assertThat(coverage.workstationAt(34.47, 113.175).map(Workstation::id)).contains("W6");
    assertThat(coverage.officeAt(34.47, 113.175).map(Office::id)).contains("O3");
    assertThat(coverage.stationAt(34.60, 113.03)).contains("S1");
  }

  @Test
  void inAVillageWithTwoWorkstationsTheNearerOneCovers() {
    List<Workstation> workstations = new ArrayList<>(SMALL.workstations());
    workstations.add(new Workstation("W7", "南街第二警务工作站", "O3", "K1", new GeoPoint(34.44, 113.19)));
    Coverage two = new Coverage(new County(SMALL.areas(), SMALL.stations(), SMALL.offices(), workstations,
        SMALL.people(), SMALL.devices(), SMALL.roads()));
    assertThat(two.workstationAt(34.445, 113.195).map(Workstation::id)).contains("W7");
    assertThat(two.workstationAt(34.415, 113.165).map(Workstation::id)).contains("W5");
  }

  @Test
  void aCountyWithNothingCoversNothing() {
    Coverage none = new Coverage(new County(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    assertThat(none.workstationAt(34.4, 113.1)).isEmpty();
    assertThat(none.stationAt(34.4, 113.1)).isEmpty();
  }
}
