package org.lamplight.county;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.county.TestBundles.editArea;
import static org.lamplight.county.TestBundles.editFeature;
import static org.lamplight.county.TestBundles.replaceLine;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.county.Bundle.AreaRow;
import org.lamplight.county.Bundle.StationRow;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** Reading and checking county bundles: the small valid one, and broken copies of it. */
class BundleValidatorTest {

  private final Map<String, String> files = TestBundles.small();

  private static List<Problem> problems(Map<String, String> files) {
    Validation v = TestBundles.check(files);
    assertThat(v).as("the bundle should have problems").isInstanceOf(Validation.Invalid.class);
    return ((Validation.Invalid) v).problems();
  }

  private static Condition<Problem> at(String file, int line, String field, String message) {
    return new Condition<>(p -> p.file().equals(file) && p.line() == line && p.field().equals(field)
        && p.message().contains(message), "%s line %d, %s: ...%s...", file, line, field, message);
  }

  private static Condition<Problem> atFeature(String file, int feature, String field, String message) {
    return new Condition<>(p -> p.file().equals(file) && p.feature() == feature && p.field().equals(field)
        && p.message().contains(message), "%s features[%d], %s: ...%s...", file, feature, field, message);
  }

  private static County valid(Map<String, String> files) {
    Validation v = TestBundles.check(files);
    assertThat(v).as(v instanceof Validation.Invalid i ? i.problems().stream().map(Problem::describe).toList().toString()
        : "valid").isInstanceOf(Validation.Valid.class);
    return ((Validation.Valid) v).county();
  }

  @Test
  void theSmallBundleIsACountyWithAByteOrderMarkAndExtraColumnsAndProperties() {
    County c = valid(files);
    assertThat(c.name()).isEqualTo("测试县");
    assertThat(c.townships()).extracting(Area::code).containsExactly("T1", "T2");
    assertThat(c.villages()).hasSize(6);
    assertThat(c.stations()).hasSize(2);
    assertThat(c.offices()).hasSize(3);
    assertThat(c.office("O3").orElseThrow().villageIds()).containsExactly("V4", "K1", "K2");
    assertThat(c.workstations()).hasSize(6);
    assertThat(c.people()).hasSize(9);
    assertThat(c.devicesOf("aux-1")).extracting(d -> d.id()).containsExactly("radio-101", "phone-101");
    assertThat(c.roads()).extracting(r -> r.kind()).containsExactly(RoadKind.COUNTY, RoadKind.TOWNSHIP, RoadKind.VILLAGE);
    Person aux5 = c.person("aux-5").orElseThrow();
    assertThat(aux5).isEqualTo(new Person("aux-5", "黄勇", UnitKind.AUXILIARY, "13900000005", "W5", "O3", "S2",
        new GeoPoint(34.42, 113.17)));
    assertThat(c.person("off-3").orElseThrow().phone()).isEmpty();
    assertThat(c.person("off-3").orElseThrow().post()).isEqualTo("O3");
  }

  @Test
  void theSameBundleReadsTheSameFromADirectory() {
    Validation fromDirectory = BundleValidator.validate(BundleReader.read(BundleFiles.read(
        new BundleSource.Directory(TestBundles.smallDirectory()), TestBundles.LIMIT, TestBundles.LIMIT)));
    assertThat(((Validation.Valid) fromDirectory).county()).isEqualTo(valid(files));
  }

  @Test
  void aMissingFileIsNamedAndWhatRefersToItIsNotBlamed() {
    files.remove("stations.csv");
    assertThat(problems(files)).singleElement().is(at("stations.csv", 0, "", "missing file"));
  }

  @Test
  void aMissingColumnIsNamedOnTheHeaderLine() {
    replaceLine(files, "offices.csv", "code,", "code,name,station,lat,lon");
    assertThat(problems(files)).singleElement().is(at("offices.csv", 1, "villages", "missing column 'villages'"));
  }

  @Test
  void aBadNumberGivesItsLineAndField() {
    replaceLine(files, "workstations.csv", "W3,", "W3,北河村警务工作站,O2,V3,34.4x,113.03");
    assertThat(problems(files)).singleElement().is(at("workstations.csv", 4, "lat", "not a number: '34.4x'"));
  }

  @Test
  void unknownKindsAndLevelsAreRefusedWithWhatIsExpected() {
    replaceLine(files, "people.csv", "aux-2,", "aux-2,刘洋,chief,13900000002,W2");
    editArea(files, "K1", f -> f.getJsonObject("properties").put("level", "hamlet"));
    editFeature(files, "roads.geojson", 1, f -> f.getJsonObject("properties").put("kind", "highway"));
    // what refers to the dropped rows (aux-2's devices, K1's office and workstation) is not blamed as well
    assertThat(problems(files)).extracting(Problem::describe).containsExactly(
        "areas.geojson features[7], level: unknown area level 'hamlet', expected one of: county, township, village, "
            + "committee",
        "roads.geojson features[1], kind: unknown road kind 'highway', expected one of: county, township, village",
        "people.csv line 6, kind: unknown unit kind 'chief', expected one of: auxiliary, officer");
  }

  @Test
  void aDuplicateCodeIsRefusedWhereItRepeats() {
    files.put("stations.csv", files.get("stations.csv") + "S1,又一个派出所,34.425,113.025,T1,\n");
    editArea(files, "V2", f -> f.getJsonObject("properties").put("code", "V1"));
    assertThat(problems(files))
        .haveExactly(1, at("stations.csv", 4, "code", "duplicate code 'S1' (first at line 2)"))
        .haveExactly(1, atFeature("areas.geojson", 4, "code", "duplicate code 'V1' (first at features[3])"));
  }

  @Test
  void everyUnknownReferenceIsNamedWithItsFileLineAndField() {
    editArea(files, "V4", f -> f.getJsonObject("properties").put("parent", "T9"));
    replaceLine(files, "offices.csv", "O2,", "O2,北河警务室,S9,34.47,113.05,V3");
    replaceLine(files, "workstations.csv", "W4,", "W4,东岗村警务工作站,O9,V4,34.45,113.13");
    replaceLine(files, "workstations.csv", "W1,", "W1,前庄村警务工作站,O1,V9,34.42,113.02");
    replaceLine(files, "people.csv", "aux-6,", "aux-6,周杰,auxiliary,13900000006,W9");
    replaceLine(files, "devices.csv", "radio-103,", "radio-103,nobody");
    assertThat(problems(files))
        .haveExactly(1, atFeature("areas.geojson", 6, "parent", "unknown parent 'T9'"))
        .haveExactly(1, at("offices.csv", 3, "station", "unknown station 'S9'"))
        .haveExactly(1, at("workstations.csv", 5, "office", "unknown office 'O9'"))
        .haveExactly(1, at("workstations.csv", 2, "village", "unknown village or committee 'V9'"))
        .haveExactly(1, at("people.csv", 10, "post", "unknown post 'W9'"))
        .haveExactly(1, at("devices.csv", 8, "person_id", "unknown person 'nobody'"));
  }

  @Test
  void aParentOfTheWrongLevelIsRefused() {
    editArea(files, "V2", f -> f.getJsonObject("properties").put("parent", "V1"));
    assertThat(problems(files)).haveExactly(1, atFeature("areas.geojson", 4, "parent",
        "parent 'V1' is a village; a village's parent must be a township"));
  }

  @Test
  void aSelfIntersectingPolygonIsRefusedWithTheReasonAndWhere() {
    // V1's ring as a bow tie
    editArea(files, "V1", f -> f.put("geometry", TestBundles.polygon(113.0, 34.4, 113.05, 34.45, 113.05, 34.4, 113.0,
        34.45, 113.0, 34.4)));
    assertThat(problems(files)).haveExactly(1, atFeature("areas.geojson", 3, "geometry", "invalid polygon: "
        + "self-intersection at [113."));
  }

  @Test
  void aVillageOutsideItsTownshipIsRefusedAndALittleSlackIsAllowed() {
    // V2 moved 3 km east: 60 % of it now lies in the other township
    editArea(files, "V2", f -> f.put("geometry", TestBundles.polygon(113.08, 34.40, 113.13, 34.40, 113.13, 34.45,
        113.08, 34.45, 113.08, 34.40)));
    assertThat(problems(files)).haveExactly(1, atFeature("areas.geojson", 4, "geometry",
        "only 40.0% of a village lies inside its parent township 'T1' (at least 99% must)"));
    // 0.4 % outside: digitising slack
    Map<String, String> nudged = TestBundles.small();
    editArea(nudged, "V1", f -> f.put("geometry", TestBundles.polygon(112.9998, 34.40, 113.0498, 34.40, 113.0498, 34.45,
        112.9998, 34.45, 112.9998, 34.40)));
    valid(nudged);
  }

  @Test
  void aPlaceOutsideItsAreaIsRefusedAndSwappedLatAndLonAreRecognised() {
    replaceLine(files, "stations.csv", "S1,", "S1,西乡派出所,34.425,113.15,T1,");
    replaceLine(files, "workstations.csv", "W1,", "W1,前庄村警务工作站,O1,V1,113.02,34.42");
    assertThat(problems(files))
        .haveExactly(1, at("stations.csv", 2, "lat", "the station (lat 34.425, lon 113.15) lies 4586 m outside its "
            + "townships (T1)"))
        .haveExactly(1, at("workstations.csv", 2, "lat", "lat 113.02 and lon 34.42 look swapped"));
  }

  @Test
  void aPlaceWhoseSwappedCoordinatesLieInTheCountyIsToldSo() {
    GeometryFactory f = new GeometryFactory();
    var square = f.createPolygon(new Coordinate[] {new Coordinate(20, 30), new Coordinate(21, 30), new Coordinate(21, 31),
        new Coordinate(20, 31), new Coordinate(20, 30)});
    Bundle bundle = new Bundle(
        List.of(new AreaRow(0, new Area("C", "c", AreaLevel.COUNTY, null, square)),
            new AreaRow(1, new Area("T", "t", AreaLevel.TOWNSHIP, "C", square))),
        List.of(), false, List.of(new StationRow(2, new Station("S", "s", new GeoPoint(20.5, 30.5), List.of("T")))),
        List.of(), List.of(), List.of(), List.of(), Set.of(), Map.of(), List.of());
    assertThat(((Validation.Invalid) BundleValidator.validate(bundle)).problems()).singleElement()
        .is(at("stations.csv", 2, "lat", "lat and lon look swapped: the place lies outside the county, the swapped one "
            + "inside"));
  }

  @Test
  void aWorkstationWhoseVillageIsNotCoveredByItsOfficeIsRefused() {
    replaceLine(files, "workstations.csv", "W1,", "W1,前庄村警务工作站,O2,V1,34.42,113.02");
    assertThat(problems(files)).singleElement().is(at("workstations.csv", 2, "village",
        "'V1' is covered by office 'O1', not by this workstation's office 'O2'"));
  }

  @Test
  void anOfficeMayCoverOnlyVillagesOfItsStationAndEachVillageOnce() {
    replaceLine(files, "offices.csv", "O2,", "O2,北河警务室,S1,34.47,113.05,V3;V4");
    assertThat(problems(files))
        .haveExactly(1, at("offices.csv", 3, "villages", "'V4' lies in township 'T2', which is not one of station 'S1''s"))
        .haveExactly(1, at("offices.csv", 4, "villages", "'V4' is already covered by office 'O2' (line 3)"));
  }

  @Test
  void aPostOfTheWrongKindIsRefused() {
    replaceLine(files, "people.csv", "off-1,", "off-1,张伟,officer,13800000001,W1");
    replaceLine(files, "people.csv", "aux-1,", "aux-1,赵敏,auxiliary,13900000001,O1");
    assertThat(problems(files))
        .haveExactly(1, at("people.csv", 2, "post", "'W1' is a workstation; an officer's post is an office"))
        .haveExactly(1, at("people.csv", 5, "post", "'O1' is an office; an auxiliary's post is a workstation"));
  }

  @Test
  void aDeviceIdThatCannotBeAnMqttUserIsRefused() {
    replaceLine(files, "devices.csv", "radio-104,", "radio 104,aux-4");
    assertThat(problems(files)).singleElement().is(at("devices.csv", 9, "device_id", "'radio 104' is not a device id"));
  }

  @Test
  void severalProblemsInSeveralFilesComeAtOnceInFileOrder() {
    replaceLine(files, "stations.csv", "S2,", "S2,东镇派出所,34.43,east,T2,");
    replaceLine(files, "people.csv", "aux-4,", "aux-4,杨磊,guard,13900000004,W4");
    editArea(files, "V3", f -> f.getJsonObject("properties").put("parent", "T0"));
    List<Problem> all = problems(files);
    assertThat(all).extracting(Problem::describe).containsExactly(
        "areas.geojson features[5], parent: unknown parent 'T0'",
        "stations.csv line 3, lon: not a number: 'east'",
        "people.csv line 8, kind: unknown unit kind 'guard', expected one of: auxiliary, officer");
  }

  @Test
  void aQuotedValueOverSeveralLinesKeepsTheLineNumbersRight() {
    replaceLine(files, "stations.csv", "S1,", "S1,西乡派出所,34.425,113.025,T1,\"乡政府\n旁\"");
    replaceLine(files, "stations.csv", "S2,", "S2,东镇派出所,34.43,,T2,");
    assertThat(problems(files)).singleElement().is(at("stations.csv", 4, "lon", "missing value"));
  }

  @Test
  void aControlCharacterInAKeptValueIsRefusedButNotInAnIgnoredColumn() {
    replaceLine(files, "people.csv", "aux-2,", "aux-2,刘\t洋,auxiliary,13900000002,W2,\"备注\n第二行\"");
    editArea(files, "V3", f -> f.getJsonObject("properties").put("name", "北河\u0000村"));
    assertThat(problems(files)).extracting(Problem::describe).containsExactly(
        "areas.geojson features[5], name: holds the control character U+0000",
        "people.csv line 6, name: holds the control character U+0009");
  }

  @Test
  void filesThatAreNotJsonOrNotUtf8AreRefused() {
    files.put("areas.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    Map<String, byte[]> raw = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
    raw.put("devices.csv", new byte[] {'d', 'e', 'v', (byte) 0xff, '\n'});
    List<Problem> found = ((Validation.Invalid) BundleValidator.validate(BundleReader.read(BundleFiles.read(
        new BundleSource.ZipBytes(TestBundles.zipBytes(raw)), TestBundles.LIMIT, TestBundles.LIMIT)))).problems();
    assertThat(found)
        .haveExactly(1, at("areas.geojson", 0, "", "not valid JSON"))
        .haveExactly(1, at("devices.csv", 0, "", "not UTF-8 text"));
  }

  @Test
  void aZipEntryWithDotDotOrAnAbsolutePathIsRefused() {
    Map<String, byte[]> raw = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> raw.put("county/" + k, v.getBytes(StandardCharsets.UTF_8)));
    raw.put("../evil.csv", new byte[] {1});
    raw.put("/etc/passwd", new byte[] {1});
    BundleFiles read = BundleFiles.read(new BundleSource.ZipBytes(TestBundles.zipBytes(raw)), TestBundles.LIMIT,
        TestBundles.LIMIT);
    assertThat(read.problems()).extracting(Problem::describe).containsExactly(
        "bundle: zip entry '../evil.csv' has '..' or an absolute path; refused",
        "bundle: zip entry '/etc/passwd' has '..' or an absolute path; refused");
    assertThat(read.contents()).hasSize(7);
  }

  @Test
  void aBundleZippedOnChineseWindowsIsRead(@TempDir Path dir) throws Exception {
    byte[] zip = zippedOnChineseWindows(files);
    Path file = Files.write(dir.resolve("测试县数据包.zip"), zip);
    for (BundleSource source : List.of(new BundleSource.ZipBytes(zip), new BundleSource.ZipFile(file))) {
      BundleFiles read = BundleFiles.read(source, TestBundles.LIMIT, TestBundles.LIMIT);
      assertThat(read.problems()).as(source.describe()).isEmpty();
      assertThat(read.contents()).hasSize(7);
    }

    byte[] neither = TestBundles.zipBytes(Map.of("\u00ff/areas.geojson", new byte[] {1}), StandardCharsets.ISO_8859_1);
    assertThat(BundleFiles.read(new BundleSource.ZipBytes(neither), 1000, 1000).problems())
        .extracting(Problem::describe).containsExactly("bundle: cannot read uploaded zip (" + neither.length
            + " bytes): not a readable zip file: an entry name is neither UTF-8 nor GB18030");
  }

  /** The files in a folder with a Chinese name, zipped as Explorer on a Chinese Windows does: GBK names, no UTF-8 flag. */
  private static byte[] zippedOnChineseWindows(Map<String, String> files) {
    Map<String, byte[]> raw = new java.util.LinkedHashMap<>();
    files.forEach((k, v) -> raw.put("测试县数据包/" + k, v.getBytes(StandardCharsets.UTF_8)));
    return TestBundles.zipBytes(raw, Charset.forName("GBK"));
  }

  @Test
  void aFileOverTheLimitIsRefusedUnread() {
    BundleFiles read = BundleFiles.read(new BundleSource.ZipBytes(TestBundles.zip(files)), 1000, TestBundles.LIMIT);
    assertThat(read.problems()).extracting(Problem::describe)
        .containsExactly("areas.geojson: larger than the limit of 1000 bytes (import.max-file-mb)");
    assertThat(read.content(BundleFile.AREAS)).isEmpty();
  }

  /** Files each under their own bound still have one together: a small zip may expand to many times its size. */
  @Test
  void aBundleWhoseFilesTogetherAreOverTheLimitIsRefusedWhole() {
    long each = files.values().stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).max().orElseThrow();
    long total = files.values().stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    String refused = "bundle: the bundle's files are larger than the limit of " + (total - 1)
        + " bytes together, uncompressed (import.max-bundle-mb)";
    for (BundleSource source : List.of(new BundleSource.ZipBytes(TestBundles.zip(files)),
        new BundleSource.ZipBytes(zippedOnChineseWindows(files)), new BundleSource.Directory(TestBundles.smallDirectory()))) {
      BundleFiles read = BundleFiles.read(source, each, total - 1);
      assertThat(read.problems()).extracting(Problem::describe).as(source.describe()).containsExactly(refused);
      assertThat(read.contents()).isEmpty();
      assertThat(BundleFiles.read(source, each, total).problems()).isEmpty();
    }
  }

  @Test
  void somethingThatIsNotABundleSaysSo() {
    assertThat(BundleFiles.read(new BundleSource.ZipBytes("hello".getBytes(StandardCharsets.UTF_8)), 1000, 1000).problems())
        .extracting(Problem::describe).containsExactly("bundle: cannot read uploaded zip (5 bytes): not a zip file, "
            + "or an empty one");
    assertThat(BundleFiles.read(new BundleSource.Directory(java.nio.file.Path.of("/nonexistent/county")), 1000, 1000).problems())
        .extracting(Problem::describe).containsExactly("bundle: no directory or zip file at /nonexistent/county");
  }
}
