package org.lamplight.county;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.lamplight.county.Bundle.AreaRow;
import org.lamplight.county.Bundle.DeviceRow;
import org.lamplight.county.Bundle.OfficeRow;
import org.lamplight.county.Bundle.PersonRow;
import org.lamplight.county.Bundle.RoadRow;
import org.lamplight.county.Bundle.StationRow;
import org.lamplight.county.Bundle.WorkstationRow;
import org.lamplight.county.GeoJson.InvalidGeometryException;
import org.lamplight.domain.ControlCharacters;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Road.RoadKind;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;
import org.locationtech.jts.geom.Geometry;

/**
 * Parses a bundle's files into rows of immutable values. Each file is UTF-8 (a byte-order mark
 * is allowed); columns and properties beyond those a file needs are ignored. A row with a
 * problem of its own (a missing value, a bad number, an unknown kind) is dropped and its problem
 * recorded, and reading goes on, so that one pass finds every such problem.
 */
public final class BundleReader {

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder()
      .setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(true).setIgnoreEmptyLines(true)
      .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
  /** A plain decimal number; Java's parser would also take "NaN", "0x1p3" or "1d". */
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final String ROAD_KINDS = Arrays.stream(RoadKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
      .collect(Collectors.joining(", "));

  private final List<Problem> problems = new ArrayList<>();
  private final Set<BundleFile> unreadable = EnumSet.noneOf(BundleFile.class);
  private final Map<BundleFile, Set<String>> dropped = new EnumMap<>(BundleFile.class);

  private BundleReader() {
  }

  public static Bundle read(BundleFiles files) {
    return new BundleReader().parse(files);
  }

  private Bundle parse(BundleFiles files) {
    problems.addAll(files.problems());
    for (BundleFile f : BundleFile.values()) {
      if (files.content(f).isEmpty()) {
        unreadable.add(f);
      }
    }
    List<AreaRow> areas = new ArrayList<>();
    features(files, BundleFile.AREAS).forEach((i, f) -> area(i, f, areas));
    List<RoadRow> roads = new ArrayList<>();
    features(files, BundleFile.ROADS).forEach((i, f) -> road(i, f, roads));
    List<StationRow> stations = rows(files, BundleFile.STATIONS, "code", r -> new StationRow(r.line,
        new Station(r.required("code"), r.required("name"), r.point(), r.list("townships"))));
    List<OfficeRow> offices = rows(files, BundleFile.OFFICES, "code", r -> new OfficeRow(r.line,
        new Office(r.required("code"), r.required("name"), r.required("station"), r.point(), r.list("villages"))));
    List<WorkstationRow> workstations = rows(files, BundleFile.WORKSTATIONS, "code", r -> new WorkstationRow(r.line,
        new Workstation(r.required("code"), r.required("name"), r.required("office"), r.required("village"), r.point())));
    List<PersonRow> people = rows(files, BundleFile.PEOPLE, "id", r -> new PersonRow(r.line, r.required("id"),
        r.required("name"), r.parsed("kind", v -> UnitKind.fromWire(v.toLowerCase(Locale.ROOT))), r.text("phone"),
        r.required("post")));
    List<DeviceRow> devices = rows(files, BundleFile.DEVICES, "device_id", r -> new DeviceRow(r.line,
        new Device(r.required("device_id"), r.required("person_id"))));
    return new Bundle(areas, roads, files.content(BundleFile.ROADS).isPresent(), stations, offices, workstations, people,
        devices, unreadable, dropped, problems);
  }

  // ------------------------------------------------------------------ GeoJSON

  private interface FeatureVisitor {
    void accept(int index, JsonObject feature);
  }

  /** The features of a FeatureCollection; one that is not an object is visited as null. */
  private record Features(JsonArray features) {
    void forEach(FeatureVisitor visitor) {
      for (int i = 0; i < features.size(); i++) {
        visitor.accept(i, features.getValue(i) instanceof JsonObject f ? f : null);
      }
    }
  }

  private Features features(BundleFiles files, BundleFile file) {
    if (unreadable.contains(file)) {
      return new Features(new JsonArray());
    }
    String text = text(files, file);
    if (text == null) {
      return new Features(new JsonArray());
    }
    JsonObject root;
    try {
      root = new JsonObject(text);
    } catch (DecodeException e) {
      return unreadable(file, "not valid JSON: " + firstLine(e.getMessage()));
    } catch (ClassCastException e) {
      return unreadable(file, "not a JSON object: a FeatureCollection is an object");
    }
    if (!"FeatureCollection".equals(root.getValue("type")) || !(root.getValue("features") instanceof JsonArray a)) {
      return unreadable(file, "not a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\" and \"features\")");
    }
    return new Features(a);
  }

  private Features unreadable(BundleFile file, String message) {
    problems.add(Problem.ofFile(file, message));
    unreadable.add(file);
    return new Features(new JsonArray());
  }

  private void area(int index, JsonObject feature, List<AreaRow> out) {
    if (notAFeature(BundleFile.AREAS, index, feature)) {
      return;
    }
    FeatureFields f = new FeatureFields(BundleFile.AREAS, index, feature);
    String code = f.required("code");
    String name = f.required("name");
    AreaLevel level = f.parsed("level", v -> AreaLevel.fromWire(v.toLowerCase(Locale.ROOT)));
    String parent = f.text("parent");
    Geometry shape = f.polygonal();
    if (f.failed) {
      drop(BundleFile.AREAS, code);
    } else {
      out.add(new AreaRow(index, new Area(code, name, level, parent.isEmpty() ? null : parent, shape)));
    }
  }

  private void road(int index, JsonObject feature, List<RoadRow> out) {
    if (notAFeature(BundleFile.ROADS, index, feature)) {
      return;
    }
    FeatureFields f = new FeatureFields(BundleFile.ROADS, index, feature);
    RoadKind kind = f.parsed("kind", BundleReader::roadKind);
    String name = f.text("name");
    List<List<GeoPoint>> lines = f.lines();
    if (!f.failed) {
      for (List<GeoPoint> line : lines) {
        out.add(new RoadRow(index, new Road(String.format("R%04d", out.size() + 1), name, kind, line)));
      }
    }
  }

  private boolean notAFeature(BundleFile file, int index, JsonObject feature) {
    if (feature == null) {
      problems.add(Problem.atFeature(file, index, "", "not a GeoJSON Feature object"));
    }
    return feature == null;
  }

  private static RoadKind roadKind(String value) {
    try {
      return RoadKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown road kind '" + value + "', expected one of: " + ROAD_KINDS, e);
    }
  }

  /**
   * The fields of one CSV record or GeoJSON feature. Each accessor records its own problem and
   * marks the whole failed, so that every problem of a row is found and a failed row is not kept.
   */
  private abstract class Fields {
    boolean failed;

    abstract Problem at(String field, String message);

    /** The field's value as it stands, trimmed; empty when absent. */
    abstract String raw(String field);

    /** The field's value, trimmed; empty when absent. A control character is a problem: PostgreSQL refuses NUL. */
    String text(String field) {
      String v = raw(field);
      int bad = ControlCharacters.first(v, false);
      if (bad >= 0) {
        problem(field, "holds the control character " + ControlCharacters.name(bad));
      }
      return v;
    }

    void problem(String field, String message) {
      problems.add(at(field, message));
      failed = true;
    }

    String required(String field) {
      String v = text(field);
      if (v.isEmpty()) {
        problem(field, "missing value");
      }
      return v;
    }

    /** A required value turned into a {@code T}; a refusal's message (IllegalArgumentException) is the problem. */
    <T> T parsed(String field, Function<String, T> parse) {
      String v = required(field);
      try {
        return v.isEmpty() ? null : parse.apply(v);
      } catch (IllegalArgumentException e) {
        problem(field, e.getMessage());
        return null;
      }
    }
  }

  /** The properties and geometry of one feature. */
  private final class FeatureFields extends Fields {
    final BundleFile file;
    final int index;
    final JsonObject feature;
    final JsonObject properties;

    FeatureFields(BundleFile file, int index, JsonObject feature) {
      this.file = file;
      this.index = index;
      this.feature = feature;
      Object p = feature.getValue("properties");
      this.properties = p instanceof JsonObject o ? o : new JsonObject();
      if (!(p instanceof JsonObject)) {
        problem("properties", "the feature has no properties");
      }
    }

    @Override
    Problem at(String field, String message) {
      return Problem.atFeature(file, index, field, message);
    }

    /** A text property, or empty; whole numbers are taken as text (codes are often numeric). */
    @Override
    String raw(String key) {
      Object v = properties.getValue(key);
      if (v == null) {
        return "";
      }
      if (v instanceof String s) {
        return s.strip();
      }
      if (v instanceof Integer || v instanceof Long) {
        return v.toString();
      }
      problem(key, "must be text, not " + v);
      return "";
    }

    Geometry polygonal() {
      try {
        return GeoJson.polygonal(geometry());
      } catch (InvalidGeometryException e) {
        problem("geometry", e.getMessage());
        return null;
      }
    }

    List<List<GeoPoint>> lines() {
      try {
        return GeoJson.lines(geometry());
      } catch (InvalidGeometryException e) {
        problem("geometry", e.getMessage());
        return List.of();
      }
    }

    private JsonObject geometry() throws InvalidGeometryException {
      if (feature.getValue("geometry") instanceof JsonObject g) {
        return g;
      }
      throw new InvalidGeometryException("the feature has no geometry");
    }
  }

  // ------------------------------------------------------------------ CSV

  /** The rows of a CSV file that parsed without a problem, in file order. */
  private <T> List<T> rows(BundleFiles files, BundleFile file, String codeColumn, Function<Row, T> parse) {
    List<T> out = new ArrayList<>();
    if (unreadable.contains(file)) {
      return out;
    }
    String text = text(files, file);
    if (text == null) {
      return out;
    }
    int[] lineStarts = lineStarts(text);
    try (CSVParser parser = CSVParser.parse(text, CSV)) {
      List<String> missing = file.columns().stream().filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
      if (!missing.isEmpty()) {
        missing.forEach(c -> problems.add(Problem.atLine(file, 1, c, "missing column '" + c + "'")));
        unreadable.add(file);
        return out;
      }
      for (CSVRecord record : parser) {
        Row row = new Row(file, lineOf(lineStarts, record.getCharacterPosition()), record);
        T value = parse.apply(row);
        if (row.failed) {
          drop(file, row.raw(codeColumn));
        } else {
          out.add(value);
        }
      }
    } catch (IllegalArgumentException e) {
      problems.add(Problem.atLine(file, 1, "", "bad header: " + e.getMessage()));
      unreadable.add(file);
    } catch (UncheckedIOException | IOException e) {
      problems.add(Problem.ofFile(file, "malformed CSV: " + firstLine(e.getMessage())));
      unreadable.add(file);
    }
    return out;
  }

  /** One CSV record. */
  private final class Row extends Fields {
    final BundleFile file;
    final int line;
    final CSVRecord record;

    Row(BundleFile file, int line, CSVRecord record) {
      this.file = file;
      this.line = line;
      this.record = record;
    }

    @Override
    Problem at(String field, String message) {
      return Problem.atLine(file, line, field, message);
    }

    @Override
    String raw(String column) {
      return record.isMapped(column) && record.isSet(column) ? record.get(column).strip() : "";
    }

    /** The codes of a {@code ;}-separated list. */
    List<String> list(String column) {
      Set<String> codes = new LinkedHashSet<>();
      Set<String> twice = new HashSet<>();
      for (String part : text(column).split(";")) {
        String code = part.strip();
        if (!code.isEmpty() && !codes.add(code)) {
          twice.add(code);
        }
      }
      twice.forEach(code -> problem(column, "lists '" + code + "' twice"));
      return List.copyOf(codes);
    }

    /** The row's {@code lat} and {@code lon}: numbers in range, and the hint that they look swapped. */
    GeoPoint point() {
      Double lat = parsed("lat", BundleReader::number);
      Double lon = parsed("lon", BundleReader::number);
      if (lat == null || lon == null) {
        return null;
      }
      if (GeoJson.inRange(lat, lon)) {
        return new GeoPoint(lat, lon);
      }
      if (GeoJson.inRange(lon, lat)) {
        problem("lat", "lat " + lat + " and lon " + lon + " look swapped: lat is the latitude (-90..90), lon the longitude");
      } else if (lat < -90 || lat > 90) {
        problem("lat", "lat " + lat + " is out of range -90..90");
      } else {
        problem("lon", "lon " + lon + " is out of range -180..180");
      }
      return null;
    }

  }

  private static double number(String value) {
    if (!NUMBER.matcher(value).matches()) {
      throw new IllegalArgumentException("not a number: '" + value + "'");
    }
    return Double.parseDouble(value);
  }

  // ------------------------------------------------------------------ common

  private void drop(BundleFile file, String code) {
    if (code != null && !code.isEmpty()) {
      dropped.computeIfAbsent(file, f -> new HashSet<>()).add(code);
    }
  }

  /** The file as text (UTF-8, without a byte-order mark), or null with a problem. */
  private String text(BundleFiles files, BundleFile file) {
    byte[] bytes = files.content(file).orElseThrow();
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      problems.add(Problem.ofFile(file, "not UTF-8 text"));
      unreadable.add(file);
      return null;
    }
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The 1-based line holding character {@code position}. */
  private static int lineOf(int[] lineStarts, long position) {
    int i = Arrays.binarySearch(lineStarts, (int) position);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
