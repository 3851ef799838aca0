package org.lamplight.domain.tracking;

import java.util.Set;

/**
 * A fix that passed {@link FixValidator#validate}: usable as it is, with the optional
 * measurements that were out of range removed.
 *
 * @param dropped the measurements removed from the fix as sent; usually empty
 */
public record ValidFix(PositionFix fix, Set<Measurement> dropped) {

  public ValidFix {
    dropped = Set.copyOf(dropped);
  }
}
