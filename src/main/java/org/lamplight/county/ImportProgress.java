package org.lamplight.county;

/** Where a long import stands, for a terminal or (later) a console; called from any thread. */
@FunctionalInterface
public interface ImportProgress {

  ImportProgress NONE = (stage, done, total) -> { };

  /** @param total 0 when the stage has no count */
  void report(String stage, long done, long total);
}
