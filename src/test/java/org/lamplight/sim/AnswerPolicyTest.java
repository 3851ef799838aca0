package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lamplight.sim.AnswerPolicy.Answer;
import org.lamplight.sim.AnswerPolicy.Kind;

class AnswerPolicyTest {

  @Test
  void answersInTheGivenProportionsAfterAHumanDelay() {
    AnswerPolicy policy = new AnswerPolicy(0.8, 0.1, 2000, 15000);
    Random random = new Random(7);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      Answer a = policy.answer(random);
      counts.merge(a.kind(), 1, Integer::sum);
      if (a.kind() == Kind.SILENT) {
        assertThat(a.reason()).isNull();
      } else {
        assertThat(a.delayMs()).isBetween(2000L, 15000L);
      }
      assertThat(a.reason() != null).isEqualTo(a.kind() == Kind.DECLINE);
    }
    assertThat(counts.get(Kind.ACCEPT) / (double) n).isCloseTo(0.8, within(0.01));
    assertThat(counts.get(Kind.SILENT) / (double) n).isCloseTo(0.1, within(0.01));
    assertThat(counts.get(Kind.DECLINE) / (double) n).isCloseTo(0.1, within(0.01));
  }

  @Test
  void theSameSeedGivesTheSameAnswers() {
    AnswerPolicy policy = new AnswerPolicy(0.5, 0.2, 100, 200);
    Random a = new Random(1);
    Random b = new Random(1);
    for (int i = 0; i < 100; i++) {
      assertThat(policy.answer(a)).isEqualTo(policy.answer(b));
    }
  }

  @Test
  void alwaysAcceptingAndNeverAnsweringAreBothPossible() {
    Random random = new Random(3);
    assertThat(new AnswerPolicy(1, 0, 0, 0).answer(random)).isEqualTo(new Answer(Kind.ACCEPT, 0, null));
    assertThat(new AnswerPolicy(0, 1, 0, 0).answer(random).kind()).isEqualTo(Kind.SILENT);
  }

  @Test
  void probabilitiesAndDelaysMustMakeSense() {
    assertThatThrownBy(() -> new AnswerPolicy(0.8, 0.3, 0, 0)).hasMessageContaining("at most 1");
    assertThatThrownBy(() -> new AnswerPolicy(-0.1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AnswerPolicy(0.5, 0, 2000, 1000)).hasMessageContaining("delay");
  }
}
