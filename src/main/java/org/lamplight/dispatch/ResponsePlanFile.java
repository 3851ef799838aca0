package org.lamplight.dispatch;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lamplight.config.ConfigException;
import org.lamplight.domain.dispatch.ResponsePlan;
import org.lamplight.domain.dispatch.ResponsePlans;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads {@code conf/response-plans.yaml}: plans there replace the built-in plans of the same type and severity. */
public final class ResponsePlanFile {

  private ResponsePlanFile() {
  }

  public static ResponsePlans load(Path file) {
    if (!Files.exists(file)) {
      return ResponsePlans.defaults();
    }
    try (Reader reader = Files.newBufferedReader(file)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (!(root instanceof Map<?, ?> map) || !(map.get("plans") instanceof List<?> list)) {
        throw new ConfigException(file + " must hold a list under 'plans'");
      }
      List<ResponsePlan> plans = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> plan)) {
          throw new ConfigException(file + ": each plan must be a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) plan;
        plans.add(ResponsePlan.fromMap(typed));
      }
      return ResponsePlans.defaults().overriddenBy(plans);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
  }
}
