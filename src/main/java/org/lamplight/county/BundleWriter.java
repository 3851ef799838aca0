package org.lamplight.county;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;

/** Writes a county as a bundle directory, the files {@link BundleReader} reads. */
public final class BundleWriter {

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private BundleWriter() {
  }

  public static void write(County county, Path dir) throws IOException {
    Files.createDirectories(dir);
    JsonArray areas = new JsonArray();
    for (Area a : county.areas()) {
      JsonObject properties = new JsonObject().put("code", a.code()).put("name", a.name()).put("level", a.level().wire());
      if (a.parent() != null) {
        properties.put("parent", a.parent());
      }
      areas.add(feature(properties, GeoJson.geometry(a.shape())));
    }
    Files.writeString(dir.resolve(BundleFile.AREAS.fileName()), collection(areas));
    JsonArray roads = new JsonArray();
    for (Road r : county.roads()) {
      roads.add(feature(new JsonObject().put("kind", r.kind().name().toLowerCase(Locale.ROOT)).put("name", r.name()),
          GeoJson.lineString(r.points())));
    }
    Files.writeString(dir.resolve(BundleFile.ROADS.fileName()), collection(roads));
    csv(dir, BundleFile.STATIONS, county.stations(), (Station s) -> List.of(s.id(), s.name(),
        s.location().lat(), s.location().lon(), String.join(";", s.townshipIds())));
    csv(dir, BundleFile.OFFICES, county.offices(), (Office o) -> List.of(o.id(), o.name(), o.stationId(),
        o.location().lat(), o.location().lon(), String.join(";", o.villageIds())));
    csv(dir, BundleFile.WORKSTATIONS, county.workstations(), (Workstation w) -> List.of(w.id(), w.name(), w.officeId(),
        w.villageId(), w.location().lat(), w.location().lon()));
    csv(dir, BundleFile.PEOPLE, county.people(), (Person p) -> List.of(p.id(), p.name(), p.kind().wire(), p.phone(),
        p.post()));
    csv(dir, BundleFile.DEVICES, county.devices(), (Device d) -> List.of(d.id(), d.personId()));
  }

  private static JsonObject feature(JsonObject properties, JsonObject geometry) {
    return new JsonObject().put("type", "Feature").put("properties", properties).put("geometry", geometry);
  }

  private static String collection(JsonArray features) {
    return new JsonObject().put("type", "FeatureCollection").put("features", features).encode();
  }

  private interface Columns<T> {
    List<Object> of(T row);
  }

  private static <T> void csv(Path dir, BundleFile file, List<T> rows, Columns<T> columns) throws IOException {
    try (Writer out = Files.newBufferedWriter(dir.resolve(file.fileName()), StandardCharsets.UTF_8);
         CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(file.columns());
      for (T row : rows) {
        printer.printRecord(columns.of(row));
      }
    }
  }
}
