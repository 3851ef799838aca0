package org.lamplight.county;

import java.util.List;
import org.lamplight.domain.org.County;

/** What checking a bundle gives: the county it describes, or every problem it has. */
public sealed interface Validation {

  record Valid(County county, boolean hasRoads) implements Validation {
  }

  record Invalid(List<Problem> problems) implements Validation {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
