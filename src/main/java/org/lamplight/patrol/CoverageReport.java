package org.lamplight.patrol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitPosts;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;

/**
 * Coverage over a range of days rolled up the county's tree: a village's figures are its own; a
 * workstation's, office's or station's are those of its villages together (units counted once)
 * with the time of the people posted there; a unit's are its own time and visits, against the
 * requirement of its post villages.
 */
final class CoverageReport {

  private static final VillageTotals NO_VILLAGE_DAYS = new VillageTotals();

  private final County county;
  private final PatrolRequirements requirements;
  private final UnitPosts posts;
  private final int days;
  private final Map<String, VillageTotals> villages;
  private final Map<String, UnitTotals> units;
  private final Map<String, List<String>> peopleByWorkstation = new HashMap<>();
  private final Map<String, List<String>> peopleByOffice = new HashMap<>();
  private final Map<String, List<String>> peopleByStation = new HashMap<>();

  CoverageReport(County county, UnitPosts posts, PatrolRequirements requirements, int days,
                 Map<String, VillageTotals> villages, Map<String, UnitTotals> units) {
    this.county = county;
    this.posts = posts;
    this.requirements = requirements;
    this.days = days;
    this.villages = villages;
    this.units = units;
    for (Person p : county.people()) {
      if (p.workstationId() != null) {
        peopleByWorkstation.computeIfAbsent(p.workstationId(), k -> new ArrayList<>()).add(p.id());
      }
      peopleByOffice.computeIfAbsent(p.officeId(), k -> new ArrayList<>()).add(p.id());
      peopleByStation.computeIfAbsent(p.stationId(), k -> new ArrayList<>()).add(p.id());
    }
  }

  List<CoverageFigures> at(CoverageLevel level) {
    List<CoverageFigures> out = new ArrayList<>();
    switch (level) {
      case VILLAGE -> {
        for (Area v : county.villages()) {
          List<String> posted = new ArrayList<>();
          county.workstationsIn(v.code()).forEach(w -> posted.addAll(peopleByWorkstation.getOrDefault(w.id(), List.of())));
          out.add(area(v.code(), v.name(), stationOfVillage(v.code()), List.of(v.code()), posted));
        }
      }
      case WORKSTATION -> {
        for (Workstation w : county.workstations()) {
          out.add(area(w.id(), w.name(), county.office(w.officeId()).map(Office::stationId).orElse(null),
              List.of(w.villageId()), peopleByWorkstation.getOrDefault(w.id(), List.of())));
        }
      }
      case OFFICE -> {
        for (Office o : county.offices()) {
          out.add(area(o.id(), o.name(), o.stationId(), o.villageIds(), peopleByOffice.getOrDefault(o.id(), List.of())));
        }
      }
      case STATION -> {
        for (Station s : county.stations()) {
          List<String> own = new ArrayList<>();
          county.officesOf(s.id()).forEach(o -> own.addAll(o.villageIds()));
          out.add(area(s.id(), s.name(), s.id(), own, peopleByStation.getOrDefault(s.id(), List.of())));
        }
      }
      case UNIT -> county.people().forEach(p -> out.add(unit(p)));
    }
    return out;
  }

  private String stationOfVillage(String village) {
    return county.officeCovering(village).map(Office::stationId).orElse(null);
  }

  private CoverageFigures area(String code, String name, String stationId, Collection<String> villageCodes,
                               Collection<String> people) {
    long presence = 0;
    int visits = 0;
    long lastVisit = Long.MIN_VALUE;
    int met = 0;
    Set<String> present = new HashSet<>();
    for (String v : villageCodes) {
      VillageTotals t = villages.getOrDefault(v, NO_VILLAGE_DAYS);
      presence += t.presenceMs;
      visits += t.visits;
      lastVisit = Math.max(lastVisit, t.lastVisitMs);
      met += daysMet(v, t);
      present.addAll(t.units);
    }
    UnitTotals time = timeOf(people);
    return new CoverageFigures(code, name, stationId, presence, visits, present.size(),
        lastVisit == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastVisit), villageCodes.size() * days,
        met, time.onDutyMs(), time.onPostMs(), time.patrolMs(), time.distanceM());
  }

  private CoverageFigures unit(Person p) {
    UnitTotals t = units.getOrDefault(p.id(), UnitTotals.NONE);
    Set<String> own = posts.villagesOf(p.id());
    int met = 0;
    for (String v : own) {
      met += daysMet(v, villages.getOrDefault(v, NO_VILLAGE_DAYS));
    }
    long presence = t.onPostMs() + t.patrolMs();
    return new CoverageFigures(p.id(), p.name(), p.stationId(), presence, t.visits(), presence > 0 ? 1 : 0,
        OptionalLong.empty(), own.size() * days, met, t.onDutyMs(), t.onPostMs(), t.patrolMs(), t.distanceM());
  }

  /** A village that needs no visit meets its requirement every day, with or without a row. */
  private int daysMet(String village, VillageTotals t) {
    return requirements.visitsPerDay(village) == 0 ? days : t.daysMet;
  }

  private UnitTotals timeOf(Collection<String> people) {
    UnitTotals sum = UnitTotals.NONE;
    for (String id : people) {
      sum = sum.plus(units.getOrDefault(id, UnitTotals.NONE));
    }
    return sum;
  }
}
