package org.lamplight.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void noSectionNamedRunsEveryOneAndWritesTheReport() {
    BenchOptions o = BenchOptions.parse();

    assertThat(o.sections()).containsExactlyElementsOf(BenchOptions.SECTIONS);
    assertThat(o.out()).isEqualTo(Path.of("docs/benchmarks.md"));
  }

  @Test
  void sectionsAreNamedAsWordsOrAsFlags() {
    BenchOptions o = BenchOptions.parse("dispatch", "--console");

    assertThat(o.sections()).containsExactlyInAnyOrder("dispatch", "console");
    assertThat(o.runs("ingest")).isFalse();
  }

  @Test
  void theCountyImportIsASectionOfItsOwn() {
    BenchOptions o = BenchOptions.parse("import");

    assertThat(o.sections()).containsExactly("import");
    assertThat(o.runs("evaluation")).isFalse();
    assertThat(o.out()).isNull();
  }

  @Test
  void someSectionsWriteNoReportUnlessOutIsGiven() {
    assertThat(BenchOptions.parse("memory").out()).isNull();
    assertThat(BenchOptions.parse("memory", "--out", "target/memory.md").out()).isEqualTo(Path.of("target/memory.md"));
  }

  @Test
  void jmhOptionsAreHandedOnWordByWord() {
    assertThat(BenchOptions.parse("nearest", "--jmh", " -wi 1  -i 1 ").jmh()).containsExactly("-wi", "1", "-i", "1");
    assertThat(BenchOptions.parse("nearest").jmh()).isEmpty();
  }

  @Test
  void stepsAndWindowsComeInSeconds() {
    BenchOptions o = BenchOptions.parse("--rates1", "1000, 2000", "--warmup", "1", "--window", "2");

    assertThat(o.rates1()).containsExactly(1000, 2000);
    assertThat(o.warmupMs()).isEqualTo(1000);
    assertThat(o.windowMs()).isEqualTo(2000);
  }

  @Test
  void theDeviceConnectionsAreASectionOfTheFullRun() {
    assertThat(BenchOptions.parse().runs("connections")).isTrue();
    BenchOptions o = BenchOptions.parse("connections");

    assertThat(o.sections()).containsExactly("connections");
    assertThat(o.out()).isNull();
  }

  @Test
  void theConsoleSectionsConsolesAndRateAreOptions() {
    assertThat(BenchOptions.parse("console").consoles()).isEqualTo(200);
    assertThat(BenchOptions.parse("console").consoleRate()).as("not given: the top ingest rate decides").isZero();
    BenchOptions o = BenchOptions.parse("console", "--consoles", "400", "--console-rate", "10000");

    assertThat(o.consoles()).isEqualTo(400);
    assertThat(o.consoleRate()).isEqualTo(10000);
  }

  @Test
  void theCommandIsReportedAsTyped() {
    assertThat(BenchOptions.parse("history", "--window", "3").command()).isEqualTo("scripts/bench history --window 3");
    assertThat(BenchOptions.parse().command()).isEqualTo("scripts/bench");
  }

  @Test
  void anUnknownWordOrAnOptionWithoutItsValueIsRefused() {
    assertThatThrownBy(() -> BenchOptions.parse("ingets")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ingets");
    assertThatThrownBy(() -> BenchOptions.parse("--window")).isInstanceOf(IllegalArgumentException.class);
  }
}
