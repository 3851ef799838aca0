package org.lamplight.county;

import java.nio.file.Path;
import java.util.List;

/** The outcome of an import: refused with every problem of the bundle, or done. */
public sealed interface ImportResult {

  /** The bundle has problems; nothing was written. */
  record Refused(List<Problem> problems) implements ImportResult {
    public Refused {
      problems = List.copyOf(problems);
    }
  }

  /**
   * The bundle is valid; {@code written} is false for a check.
   *
   * @param report the report file, null for a check or when none was asked for
   * @param secrets the new devices' secrets file, null when no device got a secret or none was asked for
   * @param issued the new devices' secrets when no file was asked for
   * @param version the county's version after the import; 0 for a check
   */
  record Done(ImportSummary summary, boolean written, Path report, Path secrets, IssuedSecrets issued, long version)
      implements ImportResult {
  }
}
