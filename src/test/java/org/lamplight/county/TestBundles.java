package org.lamplight.county;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The small hand-made bundle under {@code src/test/resources/bundles/small} (2 townships, 6
 * villages and committees, 2 stations, 3 offices, 6 workstations, 9 people, 10 devices, 3
 * roads), as editable text, and ways to check or zip an edited copy.
 */
public final class TestBundles {

  static final long LIMIT = 1L << 20;

  private TestBundles() {
  }

  static Path smallDirectory() {
    try {
      return Path.of(TestBundles.class.getResource("/bundles/small/areas.geojson").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** File name → text of the small bundle, in a map the test may edit. */
  public static Map<String, String> small() {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(smallDirectory())) {
      for (Path p : list.sorted().toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** Replaces the one line of a CSV file that starts with {@code prefix}. */
  public static void replaceLine(Map<String, String> files, String file, String prefix, String line) {
    String text = files.get(file);
    String[] lines = text.split("\n", -1);
    int found = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].replace("\uFEFF", "").startsWith(prefix)) {
        lines[i] = line;
        found++;
      }
    }
    if (found != 1) {
      throw new IllegalArgumentException(found + " lines of " + file + " start with " + prefix);
    }
    files.put(file, String.join("\n", lines));
  }

  static void replace(Map<String, String> files, String file, String text, String replacement) {
    if (!files.get(file).contains(text)) {
      throw new IllegalArgumentException(file + " does not contain " + text);
    }
    files.put(file, files.get(file).replace(text, replacement));
  }

  /** Edits the feature of {@code file} at {@code index} (its properties and geometry) in place. */
  static void editFeature(Map<String, String> files, String file, int index, Consumer<JsonObject> edit) {
    JsonObject collection = new JsonObject(files.get(file));
    edit.accept(collection.getJsonArray("features").getJsonObject(index));
    files.put(file, collection.encodePrettily());
  }

  /** Edits the area whose code is {@code code}. */
  static void editArea(Map<String, String> files, String code, Consumer<JsonObject> edit) {
    JsonArray features = new JsonObject(files.get("areas.geojson")).getJsonArray("features");
    for (int i = 0; i < features.size(); i++) {
      if (code.equals(features.getJsonObject(i).getJsonObject("properties").getString("code"))) {
        editFeature(files, "areas.geojson", i, edit);
        return;
      }
    }
    throw new IllegalArgumentException("no area " + code);
  }

  /** A ring as GeoJSON polygon coordinates, from lon, lat pairs. */
  static JsonObject polygon(double... lonLat) {
    JsonArray ring = new JsonArray();
    for (int i = 0; i < lonLat.length; i += 2) {
      ring.add(new JsonArray().add(lonLat[i]).add(lonLat[i + 1]));
    }
    return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
  }

  public static byte[] zip(Map<String, String> files) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
    return zipBytes(bytes);
  }

  static byte[] zipBytes(Map<String, byte[]> entries) {
    return zipBytes(entries, StandardCharsets.UTF_8);
  }

  /** A zip whose entry names are written in {@code names}, unflagged unless it is UTF-8 (as zip tools do). */
  static byte[] zipBytes(Map<String, byte[]> entries, Charset names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, names)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Validation check(Map<String, String> files) {
    return BundleValidator.validate(BundleReader.read(BundleFiles.read(new BundleSource.ZipBytes(zip(files)), LIMIT, LIMIT)));
  }
}
