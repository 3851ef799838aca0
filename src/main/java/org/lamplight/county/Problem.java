package org.lamplight.county;

import java.util.Comparator;

/**
 * One thing wrong with a county bundle, and where: the file, the line of a CSV file (the header
 * is line 1) or the index of a GeoJSON feature ({@code features[i]}, from 0), and the field.
 *
 * @param file a bundle file name, or empty for the bundle as a whole
 * @param line the CSV line, or 0 when the problem is not about one line
 * @param feature the GeoJSON feature index, or -1 when the problem is not about one feature
 * @param field the column or property, or empty
 */
public record Problem(String file, int line, int feature, String field, String message) {

  /** Bundle files in their order, then lines and features in theirs. */
  public static final Comparator<Problem> ORDER = Comparator
      .comparingInt((Problem p) -> BundleFile.named(p.file).map(Enum::ordinal).orElse(-1))
      .thenComparingInt(Problem::line)
      .thenComparingInt(Problem::feature);

  public static Problem ofBundle(String message) {
    return new Problem("", 0, -1, "", message);
  }

  public static Problem ofFile(BundleFile file, String message) {
    return new Problem(file.fileName(), 0, -1, "", message);
  }

  public static Problem atLine(BundleFile file, int line, String field, String message) {
    return new Problem(file.fileName(), line, -1, field, message);
  }

  public static Problem atFeature(BundleFile file, int feature, String field, String message) {
    return new Problem(file.fileName(), 0, feature, field, message);
  }

  /** One line for a terminal or a log: {@code stations.csv line 4, lat: not a number: '34.4x'}. */
  public String describe() {
    StringBuilder where = new StringBuilder(file.isEmpty() ? "bundle" : file);
    if (line > 0) {
      where.append(" line ").append(line);
    }
    if (feature >= 0) {
      where.append(" features[").append(feature).append(']');
    }
    if (!field.isEmpty()) {
      where.append(", ").append(field);
    }
    return where + ": " + message;
  }
}
