package org.lamplight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md, checked on the sources: a package may import its own layer's
 * shared kind (domain, config, logging) and any layer below it, never one above or a peer. The
 * simulator is a client and may use only the domain.
 */
class LayeringTest {

  private static final Path MAIN = Path.of("src/main/java/org/lamplight");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.lamplight\\.([a-z]+)[.;]", Pattern.MULTILINE);

  /** Top-level package → its layer; the composition root (Main, Node) sits above them all. */
  private static final Map<String, Integer> LAYERS = Map.ofEntries(
      Map.entry("domain", 0), Map.entry("config", 0), Map.entry("logging", 0),
      Map.entry("platform", 1), Map.entry("edge", 1),
      Map.entry("store", 2),
      Map.entry("auth", 3), Map.entry("alert", 3),
      Map.entry("county", 4), Map.entry("tracking", 4),
      Map.entry("gateway", 5),
      Map.entry("dispatch", 6), Map.entry("patrol", 6),
      Map.entry("console", 7),
      Map.entry("cluster", 8), Map.entry("admin", 8));

  @Test
  void noPackageImportsFromALayerAboveItOrFromAPeer() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path file : sources()) {
      String pkg = topLevel(file);
      if (pkg == null || pkg.equals("sim")) {
        continue;
      }
      int layer = LAYERS.getOrDefault(pkg, -1);
      assertThat(layer).as("package %s needs a layer in this test and in docs/architecture.md", pkg).isNotNegative();
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String used = m.group(1);
        if (used.equals(pkg) || used.equals("domain") || used.equals("config") || used.equals("logging")) {
          continue;
        }
        Integer usedLayer = LAYERS.get(used);
        if (usedLayer == null || usedLayer >= layer) {
          wrong.add(MAIN.relativize(file) + " imports org.lamplight." + used);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDomainCoreUsesNoVertxAndNoOtherLayer() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Path file : sources()) {
      if (!"domain".equals(topLevel(file))) {
        continue;
      }
      String text = Files.readString(file);
      if (text.contains("import io.vertx") || text.contains("import io.netty")) {
        wrong.add(MAIN.relativize(file) + " uses Vert.x");
      }
      Matcher m = IMPORT.matcher(text);
      while (m.find()) {
        if (!m.group(1).equals("domain")) {
          wrong.add(MAIN.relativize(file) + " imports org.lamplight." + m.group(1));
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theSimulatorIsAClientThatUsesOnlyTheDomain() throws IOException {
    TreeSet<String> used = new TreeSet<>();
    for (Path file : sources()) {
      if ("sim".equals(topLevel(file))) {
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    assertThat(used).isSubsetOf("sim", "domain");
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  /** The package under org.lamplight a file belongs to; null for the composition root. */
  private static String topLevel(Path file) {
    Path rel = MAIN.relativize(file);
    return rel.getNameCount() < 2 ? null : rel.getName(0).toString();
  }
}
