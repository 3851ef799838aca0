package org.lamplight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PoissonArrivalsTest {

  @Test
  void gapsAreExponentialWithTheMeanOfTheRate() {
    PoissonArrivals arrivals = new PoissonArrivals(12); // one every 5 minutes on average
    Random random = new Random(11);
    int n = 50_000;
    double sum = 0;
    int longerThanMean = 0;
    for (int i = 0; i < n; i++) {
      long gap = arrivals.nextGapMs(random);
      assertThat(gap).isNotNegative();
      sum += gap;
      if (gap > 300_000) {
        longerThanMean++;
      }
    }
    assertThat(sum / n).isCloseTo(300_000, within(6_000.0));
    // memoryless: P(gap > mean) = 1/e
    assertThat(longerThanMean / (double) n).isCloseTo(Math.exp(-1), within(0.01));
  }

  @Test
  void theRateMustBePositive() {
    assertThatThrownBy(() -> new PoissonArrivals(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PoissonArrivals(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
