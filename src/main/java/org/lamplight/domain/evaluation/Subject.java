package org.lamplight.domain.evaluation;

import java.util.Objects;
import java.util.Set;

/**
 * One thing evaluated and what it answers for. For an office: its villages and every unit of it
 * (its officer and its workstations' auxiliaries); for a workstation: its village(s) and its
 * auxiliaries; for a person: the villages of their post and their own unit.
 *
 * @param villages coverage, ledger targets and hazards are theirs
 * @param units presence on post, response and ledger entries are theirs
 */
public record Subject(String id, SubjectKind kind, Set<String> villages, Set<String> units) {

  public Subject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    villages = Set.copyOf(villages);
    units = Set.copyOf(units);
  }
}
