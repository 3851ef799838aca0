package org.lamplight.county;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The files of a county bundle, with the columns each CSV file must have (more are ignored). */
public enum BundleFile {
  AREAS("areas.geojson", true),
  ROADS("roads.geojson", false),
  STATIONS("stations.csv", true, "code", "name", "lat", "lon", "townships"),
  OFFICES("offices.csv", true, "code", "name", "station", "lat", "lon", "villages"),
  WORKSTATIONS("workstations.csv", true, "code", "name", "office", "village", "lat", "lon"),
  PEOPLE("people.csv", true, "id", "name", "kind", "phone", "post"),
  DEVICES("devices.csv", true, "device_id", "person_id");

  private final String fileName;
  private final boolean required;
  private final List<String> columns;

  BundleFile(String fileName, boolean required, String... columns) {
    this.fileName = fileName;
    this.required = required;
    this.columns = List.of(columns);
  }

  public String fileName() {
    return fileName;
  }

  public boolean required() {
    return required;
  }

  /** The columns a CSV file must have; empty for the GeoJSON files. */
  public List<String> columns() {
    return columns;
  }

  public static Optional<BundleFile> named(String fileName) {
    return Arrays.stream(values()).filter(f -> f.fileName.equals(fileName)).findFirst();
  }
}
