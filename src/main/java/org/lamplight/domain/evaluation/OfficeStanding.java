package org.lamplight.domain.evaluation;

import java.util.Objects;

/**
 * An office's month: its standing, the class it earned and what that pays, and whether this is
 * its officer's last allowed third-class month in a row (rotation due, 三类连续三个月).
 */
public record OfficeStanding(Standing standing, Tier tier, int amountYuan, boolean rotationDue) {

  public OfficeStanding {
    Objects.requireNonNull(standing, "standing");
    Objects.requireNonNull(tier, "tier");
  }
}
