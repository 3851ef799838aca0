package org.lamplight.store;

/**
 * For statements whose commit need not wait for PostgreSQL to flush it to disk: prefixed to one,
 * it commits with {@code synchronous_commit} off (for its own transaction only), so it neither
 * waits for an fsync nor makes the next synchronous commit wait behind its own. What it wrote is
 * visible at once and becomes durable with the next WAL flush: at the latest with the next
 * synchronous commit of any session (WAL is flushed in order), else within a few WAL writer
 * rounds. Incidents, their timelines and orders keep the full synchronous commit.
 */
final class Unflushed {

  /** A one-row CTE that turns off waiting for the flush; the statement must read from it once. */
  static final String WITH = "with unflushed as (select set_config('synchronous_commit', 'off', true)) ";

  private Unflushed() {
  }
}
