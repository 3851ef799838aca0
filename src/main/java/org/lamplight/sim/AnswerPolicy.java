package org.lamplight.sim;

import java.util.Random;

/**
 * How a simulated officer answers an offer: accept with probability {@code accept}, ignore it
 * with probability {@code silent}, otherwise decline with a reason; either answer comes after a
 * human delay drawn uniformly between the two bounds.
 */
final class AnswerPolicy {

  enum Kind { ACCEPT, DECLINE, SILENT }

  /** An answer and how long after the offer it is given; {@code reason} only for declines. */
  record Answer(Kind kind, long delayMs, String reason) {
  }

  private static final String[] DECLINE_REASONS = {
      "vehicle broken down", "already handling a neighbour dispute", "escorting a patient to the clinic",
      "phone battery low", "outside my village, too far"};

  private final double accept;
  private final double silent;
  private final long minDelayMs;
  private final long maxDelayMs;

  AnswerPolicy(double accept, double silent, long minDelayMs, long maxDelayMs) {
    if (!(accept >= 0 && silent >= 0 && accept + silent <= 1)) {
      throw new IllegalArgumentException("accept (" + accept + ") and silent (" + silent
          + ") must be probabilities adding up to at most 1");
    }
    if (minDelayMs < 0 || maxDelayMs < minDelayMs) {
      throw new IllegalArgumentException("reply delay must be 0 <= min <= max, got " + minDelayMs + ".." + maxDelayMs);
    }
    this.accept = accept;
    this.silent = silent;
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = maxDelayMs;
  }

  Answer answer(Random random) {
    double u = random.nextDouble();
    long delay = humanDelayMs(random);
    if (u < accept) {
      return new Answer(Kind.ACCEPT, delay, null);
    }
    if (u < accept + silent) {
      return new Answer(Kind.SILENT, 0, null);
    }
    return new Answer(Kind.DECLINE, delay, DECLINE_REASONS[random.nextInt(DECLINE_REASONS.length)]);
  }

  /** How long a person takes to read an order and tap an answer. */
  long humanDelayMs(Random random) {
    return minDelayMs + (long) (random.nextDouble() * (maxDelayMs - minDelayMs));
  }
}
