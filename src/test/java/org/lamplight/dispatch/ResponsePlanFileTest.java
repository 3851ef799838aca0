package org.lamplight.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.dispatch.ResponsePlans;

class ResponsePlanFileTest {

  @Test
  void theShippedPlansFileSaysWhatTheBuiltInPlansDo() {
    assertThat(ResponsePlanFile.load(Path.of("conf/response-plans.yaml")).all())
        .containsExactlyElementsOf(ResponsePlans.defaults().all());
  }
}
