package org.lamplight.domain.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.org.Township.AreaKind;
import org.lamplight.domain.org.Village.VillageKind;

class CountyGeneratorTest {

  private final County county = new CountyGenerator(20240601).generate();

  @Test
  void hasTheSeedCountsOfARealCounty() {
    assertThat(county.townships()).hasSize(22);
    assertThat(county.townships().stream().filter(t -> t.kind() == AreaKind.SUBDISTRICT)).hasSize(4);
    assertThat(county.stations()).hasSize(20);
    assertThat(county.offices()).hasSize(64);
    assertThat(county.workstations()).hasSize(452);
    assertThat(county.villages().stream().filter(v -> v.kind() == VillageKind.VILLAGE)).hasSize(425);
    assertThat(county.villages().stream().filter(v -> v.kind() == VillageKind.COMMITTEE)).hasSize(25);
    assertThat(county.people().stream().filter(p -> p.kind() == UnitKind.AUXILIARY)).hasSize(452);
    assertThat(county.people().stream().filter(p -> p.kind() == UnitKind.OFFICER)).hasSize(64);
  }

  @Test
  void theSameSeedGivesTheSameCountyAndAnotherSeedAnother() {
    assertThat(new CountyGenerator(20240601).generate()).isEqualTo(county);
    assertThat(new CountyGenerator(7).generate()).isNotEqualTo(county);
  }

  @Test
  void coversAboutTwelveHundredSquareKilometresAroundTheCentre() {
    double minLat = county.townships().stream().flatMap(t -> t.outline().stream()).mapToDouble(p -> p.lat()).min().orElseThrow();
    double maxLat = county.townships().stream().flatMap(t -> t.outline().stream()).mapToDouble(p -> p.lat()).max().orElseThrow();
    double minLon = county.townships().stream().flatMap(t -> t.outline().stream()).mapToDouble(p -> p.lon()).min().orElseThrow();
    double maxLon = county.townships().stream().flatMap(t -> t.outline().stream()).mapToDouble(p -> p.lon()).max().orElseThrow();
    double heightKm = (maxLat - minLat) * 111.32;
    double widthKm = (maxLon - minLon) * 111.32 * Math.cos(Math.toRadians(33.79));
    assertThat(heightKm * widthKm).isBetween(1150.0, 1250.0);
    assertThat((minLat + maxLat) / 2).isCloseTo(33.79, org.assertj.core.data.Offset.offset(0.01));
    assertThat((minLon + maxLon) / 2).isCloseTo(114.53, org.assertj.core.data.Offset.offset(0.01));
    county.villages().forEach(v -> assertThat(v.location().lat()).isBetween(minLat, maxLat));
  }

  @Test
  void everyLinkOfTheHierarchyResolves() {
    Set<String> townships = county.townships().stream().map(Township::id).collect(Collectors.toSet());
    Set<String> stations = county.stations().stream().map(Station::id).collect(Collectors.toSet());
    Set<String> offices = county.offices().stream().map(Office::id).collect(Collectors.toSet());
    Set<String> workstations = county.workstations().stream().map(Workstation::id).collect(Collectors.toSet());
    county.stations().forEach(s -> assertThat(townships).contains(s.townshipId()));
    county.offices().forEach(o -> assertThat(stations).contains(o.stationId()));
    county.workstations().forEach(w -> assertThat(offices).contains(w.officeId()));
    county.villages().forEach(v -> assertThat(workstations).contains(v.workstationId()));
    // one auxiliary per workstation, one community officer per office
    assertThat(county.people().stream().filter(p -> p.kind() == UnitKind.AUXILIARY).map(Person::workstationId)
        .collect(Collectors.toSet())).isEqualTo(workstations);
    assertThat(county.people().stream().filter(p -> p.kind() == UnitKind.OFFICER).map(Person::officeId)
        .collect(Collectors.toSet())).isEqualTo(offices);
    // every station has offices, every office workstations
    assertThat(county.offices().stream().map(Office::stationId).collect(Collectors.toSet())).isEqualTo(stations);
    assertThat(county.workstations().stream().map(Workstation::officeId).collect(Collectors.toSet())).isEqualTo(offices);
  }

  @Test
  void idsAreUniqueAndDevicesAreNamedAfterTheirUnits() {
    assertThat(county.people().stream().map(Person::id).distinct()).hasSize(county.people().size());
    assertThat(county.people().get(0).deviceId()).isEqualTo("dev-" + county.people().get(0).id());
  }

  @Test
  void everyVillageHasARoad() {
    assertThat(county.roads().stream().filter(r -> r.kind() == Road.RoadKind.VILLAGE)).hasSize(county.villages().size());
    assertThat(county.roads().stream().filter(r -> r.kind() == Road.RoadKind.COUNTY)).isNotEmpty();
    county.roads().forEach(r -> assertThat(r.points().size()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void extraAuxiliariesJoinExistingWorkstations() {
    CountyGenerator generator = new CountyGenerator(20240601);
    County bigger = generator.withExtraAuxiliaries(generator.generate(), 1000);
    assertThat(bigger.people()).hasSize(516 + 1000);
    Set<String> workstations = county.workstations().stream().map(Workstation::id).collect(Collectors.toSet());
    assertThat(bigger.people().stream().filter(p -> p.id().startsWith("aux-x")))
        .hasSize(1000)
        .allSatisfy(p -> assertThat(workstations).contains(p.workstationId()));
    assertThat(bigger.people().stream().map(Person::id).distinct()).hasSize(1516);
  }
}
