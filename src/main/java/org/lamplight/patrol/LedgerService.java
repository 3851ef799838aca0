package org.lamplight.patrol;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardAction;
import org.lamplight.domain.ledger.HazardDecision;
import org.lamplight.domain.ledger.HazardEvent;
import org.lamplight.domain.ledger.HazardException;
import org.lamplight.domain.ledger.HazardLifecycle;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.patrol.PatrolException.Code;

/**
 * The work ledger: entries from devices and the console (the village settled from the position
 * when not given, a device's resend counted once), hazards through their life, and what an office
 * recorded in a month; villages, people and offices as the current county has them.
 */
public final class LedgerService {

  /** How far back work may be recorded: the month before last, so a back-fill of a month fits. */
  static final long MAX_AGE_MS = 62 * 86_400_000L;
  private static final int LIST_LIMIT = 100_000;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final CurrentCounty county;
  private final LiveUnits units;
  private final LedgerRepository repository;
  private final ZoneId zone;
  private final long maxFutureMs;

  LedgerService(CurrentCounty county, LiveUnits units, LedgerRepository repository, ZoneId zone, long maxFutureMs) {
    this.county = county;
    this.units = units;
    this.repository = repository;
    this.zone = zone;
    this.maxFutureMs = maxFutureMs;
  }

  /** The station whose dispatchers see what happens in a village; null for a village no office covers. */
  public String stationOfVillage(String village) {
    return county.get().officeCovering(village).map(Office::stationId).orElse(null);
  }

  /**
   * Stores an entry (and reports its hazard) once its village is settled; answers once it is
   * durable. A resend of a device entry with the same client id answers the stored one. An entry
   * in a village whose station {@code stationAllowed} refuses is refused: a console account records
   * work in its own stations' villages only, where a device records wherever its auxiliary worked.
   */
  public Future<LedgerRecord> record(NewLedgerEntry e, long nowMs, Predicate<String> stationAllowed) {
    try {
      return store(e, nowMs, stationAllowed);
    } catch (PatrolException | HazardException refused) {
      return Future.failedFuture(refused);
    }
  }

  private Future<LedgerRecord> store(NewLedgerEntry e, long nowMs, Predicate<String> stationAllowed) {
    Person person = county.get().person(e.unitId())
        .orElseThrow(() -> new PatrolException(Code.INVALID_REQUEST, "no unit " + e.unitId()));
    if (e.atMs() > nowMs + maxFutureMs || e.atMs() < nowMs - MAX_AGE_MS) {
      throw new PatrolException(Code.INVALID_REQUEST, "the work must be recorded within "
          + MAX_AGE_MS / 86_400_000L + " days and not in the future");
    }
    String village = villageOf(e);
    String station = stationOfVillage(village);
    if (!stationAllowed.test(station)) {
      throw new PatrolException(Code.FORBIDDEN, "village " + village + " belongs to station " + station
          + ", outside the stations of account '" + e.recordedBy() + "'");
    }
    String id = UUID.randomUUID().toString();
    LedgerEntry entry = new LedgerEntry(id, e.kind(), person.id(), village, e.atMs(), e.count(), e.lat(), e.lon(), e.note());
    HazardDecision hazard = e.kind().isHazard()
        ? HazardLifecycle.apply(null, new HazardEvent.Report(id, e.kind(), village, e.recordedBy(), e.note()), e.atMs())
        : null;
    return repository.add(new LedgerRecord(entry, e.source(), e.clientId(), e.photoId(), e.recordedBy(), nowMs, false),
        hazard);
  }

  private String villageOf(NewLedgerEntry e) {
    County county = this.county.get();
    if (e.village() != null) {
      return county.area(e.village()).filter(a -> a.level().isVillageLike()).map(Area::code)
          .orElseThrow(() -> new PatrolException(Code.INVALID_REQUEST, "no village " + e.village()));
    }
    if (!Double.isNaN(e.lat())) {
      return county.villageIndex().villageAt(e.lat(), e.lon())
          .orElseThrow(() -> new PatrolException(Code.INVALID_REQUEST, "the position " + e.lat() + ", " + e.lon()
              + " lies in no village; say which village"));
    }
    PositionFix last = units.unit(e.unitId()).map(UnitView::fix)
        .orElseThrow(() -> new PatrolException(Code.INVALID_REQUEST, "no village and no position: say where"));
    return county.villageIndex().villageAt(last.lat(), last.lon())
        .orElseThrow(() -> new PatrolException(Code.INVALID_REQUEST, e.unitId() + " was last seen in no village;"
            + " say which village"));
  }

  /**
   * Takes a step of a hazard's life (order with a deadline, rectify, verify, dismiss with a reason),
   * durable and audited before it answers. A hazard in a village the caller may not see is not found.
   */
  public Future<HazardRecord> act(String hazardId, HazardAction action, Long deadlineMs, String note, String by,
                                  long nowMs, Predicate<String> stationVisible) {
    HazardEvent event;
    try {
      event = event(hazardId, action, deadlineMs, note, by);
    } catch (PatrolException refused) {
      return Future.failedFuture(refused);
    }
    JsonObject details = new JsonObject().put("action", action.wire()).put("deadline", deadlineMs).put("note", note);
    return repository.change(hazardId, found -> {
      Hazard current = found.filter(h -> stationVisible.test(stationOfVillage(h.village())))
          .orElseThrow(() -> new HazardException(HazardException.Code.UNKNOWN_HAZARD, "no hazard " + hazardId));
      return HazardLifecycle.apply(current, event, nowMs);
    }, by, details);
  }

  private static HazardEvent event(String hazardId, HazardAction action, Long deadlineMs, String note, String by) {
    return switch (action) {
      case ORDER -> {
        if (deadlineMs == null) {
          throw new PatrolException(Code.INVALID_REQUEST, "ordering a rectification needs a deadline");
        }
        yield new HazardEvent.Order(hazardId, deadlineMs, by, note);
      }
      case RECTIFY -> new HazardEvent.Rectify(hazardId, by, note);
      case VERIFY -> new HazardEvent.Verify(hazardId, by, note);
      case DISMISS -> new HazardEvent.Dismiss(hazardId, by, note);
      case REPORT -> throw new PatrolException(Code.INVALID_REQUEST, "a hazard is reported as a ledger entry");
    };
  }

  public Future<Optional<HazardRecord>> hazard(String id) {
    return repository.hazard(id);
  }

  /** Hazards newest first; null statuses or villages mean all. */
  public Future<List<Hazard>> hazards(Collection<HazardStatus> statuses, Collection<String> villages, int limit) {
    return repository.hazards(statuses, villages, limit);
  }

  /** Entries made in [fromMs, toMs), newest first; a null kind, units or villages mean all. */
  public Future<List<LedgerRecord>> entries(long fromMs, long toMs, LedgerKind kind, Collection<String> unitIds,
                                            Collection<String> villages, int limit) {
    return repository.entries(fromMs, toMs, kind, unitIds, villages, Math.min(limit, LIST_LIMIT));
  }

  /**
   * Per office, the work its people recorded and the hazards of its villages in an evaluation month,
   * summed by the database per unit and per village: a month's rows are never read.
   */
  public Future<List<OfficeLedger>> summary(EvaluationMonth month) {
    long from = month.startMs(zone);
    long to = month.endMs(zone);
    County county = this.county.get();
    Map<String, String> officeOfVillage = new HashMap<>();
    county.offices().forEach(o -> o.villageIds().forEach(v -> officeOfVillage.putIfAbsent(v, o.id())));
    return repository.countsByUnit(from, to).compose(byUnit ->
        repository.talliesByVillage(from, to).map(byVillage -> {
          Map<String, LedgerCounts> work = byOffice(byUnit,
              unit -> county.person(unit).map(Person::officeId).orElse(null), LedgerCounts::plus);
          Map<String, HazardTally> tallies = byOffice(byVillage, officeOfVillage::get, HazardTally::plus);
          List<OfficeLedger> out = new ArrayList<>();
          for (Office o : county.offices()) {
            out.add(new OfficeLedger(o.id(), o.name(), o.stationId(), work.getOrDefault(o.id(), LedgerCounts.NONE),
                tallies.getOrDefault(o.id(), HazardTally.NONE)));
          }
          return out;
        }));
  }

  /** Figures keyed by unit or village summed per office; those of no office are left out. */
  private static <T> Map<String, T> byOffice(Map<String, T> figures, Function<String, String> officeOf,
                                             BinaryOperator<T> plus) {
    Map<String, T> out = new HashMap<>();
    figures.forEach((key, figure) -> {
      String office = officeOf.apply(key);
      if (office != null) {
        out.merge(office, figure, plus);
      }
    });
    return out;
  }

  /**
   * Raises the overdue alert of each hazard past its deadline unrectified, once: whichever node
   * claims it first publishes it.
   */
  Future<List<NewAlert>> overdueAlerts(long nowMs) {
    return repository.orderedNotAlerted().compose(ordered -> {
      List<Future<Optional<NewAlert>>> claims = new ArrayList<>();
      for (Hazard h : HazardLifecycle.overdue(ordered, nowMs)) {
        claims.add(repository.claimOverdueAlert(h.id()).map(won -> won ? Optional.of(overdueAlert(h)) : Optional.empty()));
      }
      return Future.all(claims).map(all -> claims.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  private NewAlert overdueAlert(Hazard h) {
    String villageName = county.get().area(h.village()).map(Area::name).orElse(h.village());
    long deadline = h.deadlineMs().orElseThrow();
    return new NewAlert(AlertLevel.WARNING, "hazard_overdue", "ledger.hazard_overdue",
        Map.of("hazardId", h.id(), "hazardKind", h.kind().wire(), "village", h.village(), "villageName", villageName,
            "deadline", deadline),
        "Hazard " + h.kind().wire().replace('_', ' ') + " in " + villageName + " (" + h.village()
            + ") is past its rectification deadline of " + CLOCK.format(java.time.Instant.ofEpochMilli(deadline).atZone(zone)),
        stationOfVillage(h.village()), null, null, h.village(), "hazard_overdue:" + h.id());
  }
}
