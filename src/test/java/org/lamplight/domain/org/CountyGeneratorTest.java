package org.lamplight.domain.org;

import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.area.Area;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.county.BundleFiles;
import org.lamplight.county.BundleReader;
import org.lamplight.county.BundleSource;
import org.lamplight.county.BundleValidator;
import org.lamplight.county.BundleWriter;
import org.lamplight.county.Validation;
import org.lamplight.domain.org.Road.RoadKind;
import org.locationtech.jts.geom.Geometry;

class CountyGeneratorTest {

  private static final County COUNTY = new CountyGenerator(20240601).generate();
  private static final double KM_PER_DEG = 111.32;

  @Test
  void hasTheSeedCountsOfARealCounty() {
    assertThat(COUNTY.name()).isEqualTo("示范县");
    assertThat(COUNTY.townships()).hasSize(22);
    assertThat(COUNTY.townships().stream().filter(COUNTY::isUrban)).hasSize(4);
    assertThat(COUNTY.stations()).hasSize(20);
    assertThat(COUNTY.offices()).hasSize(64);
    assertThat(COUNTY.workstations()).hasSize(452);
    assertThat(COUNTY.villages().stream().filter(v -> v.level() == AreaLevel.VILLAGE)).hasSize(425);
    assertThat(COUNTY.villages().stream().filter(v -> v.level() == AreaLevel.COMMITTEE)).hasSize(25);
    assertThat(COUNTY.people().stream().filter(p -> p.kind() == UnitKind.AUXILIARY)).hasSize(452);
    assertThat(COUNTY.people().stream().filter(p -> p.kind() == UnitKind.OFFICER)).hasSize(64);
  }

  @Test
  void theSameSeedGivesTheSameCountyAndAnotherSeedAnother() {
    assertThat(new CountyGenerator(20240601).generate()).isEqualTo(COUNTY);
    assertThat(new CountyGenerator(7).generate()).isNotEqualTo(COUNTY);
  }

  @Test
  void anIrregularOutlineOfAboutTwelveHundredSquareKilometresAroundTheCentre() {
    Geometry outline = COUNTY.countyArea().orElseThrow().shape();
    assertThat(squareKm(outline)).isBetween(1150.0, 1250.0);
    assertThat(outline.getNumPoints()).as("not a rectangle").isGreaterThan(50);
    assertThat(COUNTY.center().lat()).isCloseTo(33.79, Offset.offset(0.05));
    assertThat(COUNTY.center().lon()).isCloseTo(114.53, Offset.offset(0.05));
  }

  @Test
  void villagePolygonsPartitionTheCountyAndTownshipsAreIrregular() {
    double county = squareKm(COUNTY.countyArea().orElseThrow().shape());
    double villages = COUNTY.villages().stream().mapToDouble(v -> squareKm(v.shape())).sum();
    double townships = COUNTY.townships().stream().mapToDouble(t -> squareKm(t.shape())).sum();
    assertThat(villages).isCloseTo(county, Offset.offset(county * 0.001));
    assertThat(townships).isCloseTo(county, Offset.offset(county * 0.001));
    assertThat(COUNTY.townships()).allSatisfy(t -> assertThat(t.shape().getNumPoints()).isGreaterThan(10));
  }

  @Test
  void theGeneratedBundlePassesTheValidatorAndReadsBackAsTheSameCounty(@TempDir Path dir) throws Exception {
    BundleWriter.write(COUNTY, dir);
    Validation validation = BundleValidator.validate(BundleReader.read(BundleFiles.read(new BundleSource.Directory(dir),
        64L << 20, 64L << 20)));
    assertThat(validation).isInstanceOf(Validation.Valid.class);
    assertThat(((Validation.Valid) validation).county()).isEqualTo(COUNTY);
  }

  @Test
  void everyLinkOfTheHierarchyResolves() {
    Set<String> townships = COUNTY.townships().stream().map(Area::code).collect(Collectors.toSet());
    assertThat(COUNTY.stations().stream().flatMap(s -> s.townshipIds().stream()).collect(Collectors.toSet()))
        .as("every township has a station").isEqualTo(townships);
    Set<String> workstations = COUNTY.workstations().stream().map(Workstation::id).collect(Collectors.toSet());
    Set<String> offices = COUNTY.offices().stream().map(Office::id).collect(Collectors.toSet());
    COUNTY.villages().forEach(v -> assertThat(COUNTY.officeCovering(v.code())).as(v.code()).isPresent());
    assertThat(COUNTY.offices().stream().mapToInt(o -> o.villageIds().size()).sum()).isEqualTo(450);
    COUNTY.workstations().forEach(w -> assertThat(COUNTY.officeCovering(w.villageId()).orElseThrow().id())
        .isEqualTo(w.officeId()));
    // one auxiliary per workstation, one community officer per office, each with a device of their own
    assertThat(COUNTY.people().stream().filter(p -> p.kind() == UnitKind.AUXILIARY).map(Person::workstationId)
        .collect(Collectors.toSet())).isEqualTo(workstations);
    assertThat(COUNTY.people().stream().filter(p -> p.kind() == UnitKind.OFFICER).map(Person::officeId)
        .collect(Collectors.toSet())).isEqualTo(offices);
    assertThat(COUNTY.people()).allSatisfy(p -> assertThat(COUNTY.devicesOf(p.id())).extracting(Device::id)
        .containsExactly("dev-" + p.id()));
  }

  @Test
  void everyVillageHasARoadToItsTownshipCentreOrAnotherVillage() {
    assertThat(COUNTY.roads().stream().filter(r -> r.kind() != RoadKind.COUNTY)).hasSize(COUNTY.villages().size());
    assertThat(COUNTY.roads().stream().filter(r -> r.kind() == RoadKind.COUNTY)).isNotEmpty();
    assertThat(COUNTY.roads().stream().filter(r -> r.kind() == RoadKind.TOWNSHIP)).isNotEmpty();
    COUNTY.roads().forEach(r -> assertThat(r.points().size()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void extraAuxiliariesJoinExistingWorkstationsEachWithADevice() {
    CountyGenerator generator = new CountyGenerator(20240601);
    County bigger = generator.withExtraAuxiliaries(generator.generate(), 1000);
    assertThat(bigger.people()).hasSize(516 + 1000);
    assertThat(bigger.devices()).hasSize(516 + 1000);
    Set<String> workstations = COUNTY.workstations().stream().map(Workstation::id).collect(Collectors.toSet());
    assertThat(bigger.people().stream().filter(p -> p.id().startsWith("aux-x")))
        .hasSize(1000)
        .allSatisfy(p -> assertThat(workstations).contains(p.workstationId()));
    assertThat(bigger.people().stream().map(Person::id).distinct()).hasSize(1516);
  }

  private static double squareKm(Geometry shape) {
    return shape.getArea() * KM_PER_DEG * KM_PER_DEG * Math.cos(Math.toRadians(33.79));
  }
}
