package org.lamplight.bench;

import java.util.HashMap;
import java.util.Map;

/** The counters of a Prometheus text scrape, each summed over its labels. */
final class Prometheus {

  private final Map<String, Double> totals = new HashMap<>();

  Prometheus(String scrape) {
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : line.indexOf(' '));
      try {
        totals.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
      } catch (NumberFormatException e) {
        // +Inf and the like: not a counter this tool reads
      }
    }
  }

  double get(String name) {
    return totals.getOrDefault(name, 0.0);
  }
}
