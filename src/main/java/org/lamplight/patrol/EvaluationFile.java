package org.lamplight.patrol;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lamplight.config.ConfigException;
import org.lamplight.domain.evaluation.EvaluationSettings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads {@code conf/evaluation.yaml} ({@code evaluation.file}); a missing file means the built-in defaults. */
public final class EvaluationFile {

  private EvaluationFile() {
  }

  /** @throws ConfigException naming the file and what is wrong in it */
  public static EvaluationSettings load(Path file) {
    if (!Files.exists(file)) {
      return EvaluationSettings.defaults();
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (!(root instanceof Map<?, ?> map)) {
        throw new ConfigException(file + " must hold a mapping of the evaluation settings");
      }
      @SuppressWarnings("unchecked")
      Map<String, ?> typed = (Map<String, ?>) map;
      return EvaluationSettings.fromMap(typed);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }
}
