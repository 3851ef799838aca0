package org.lamplight.console;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.domain.dispatch.DispatchEvent;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.org.Coverage;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.store.IncidentRepository;

/**
 * What an account may change through the incident routes. County-wide roles act on everything; a
 * station account on its stations, which are exactly the account's {@code stations} list (a
 * neighbouring station granted there counts as its own): an incident belongs to the station whose
 * area covers its place, a unit to its person's station. What an account cannot see is answered
 * 404 as if it did not exist (another station's incident, finished or not, and another station's
 * unit offered to it); what it sees but may not change is 403 (releasing or answering for another
 * station's unit on its own incident, reporting an incident in another station's area).
 */
final class Scope {

  private final DispatchService dispatch;
  private final IncidentRepository incidents;
  private final LiveUnits units;
  private final Supplier<Coverage> coverage;

  Scope(DispatchService dispatch, IncidentRepository incidents, LiveUnits units, CurrentCounty county) {
    this.dispatch = dispatch;
    this.incidents = incidents;
    this.units = units;
    this.coverage = county.derived(Coverage::new);
  }

  /**
   * Completes when {@code who} may apply {@code event}: the incident is theirs, and so is a unit
   * being assigned, released or answered for, and the place an incident is moved to. An incident nobody knows is left to dispatch to refuse.
   */
  Future<Void> allows(Principal who, DispatchEvent event) {
    return incident(event.incidentId()).map(found -> {
      if (found.isPresent() && !who.sees(dispatch.stationOf(found.get()))) {
        throw ApiError.notFound("incident " + event.incidentId());
      }
      if (event instanceof DispatchEvent.ManualAssign assign) {
        assignable(who, assign.unitId());
      } else if (event instanceof DispatchEvent.Release release) {
        releasable(who, release.unitId());
      } else if (event instanceof DispatchEvent.AnswerForUnit answer) {
        // clearing or declining for a unit takes it off the incident as a release does
        releasable(who, answer.unitId());
      } else if (event instanceof DispatchEvent.Edit edit) {
        edit.edit().place().ifPresent(p -> mayReportAt(who, p.lat(), p.lon()));
      }
      return null;
    });
  }

  /** Throws 403 unless {@code who} may report an incident at this place. */
  void mayReportAt(Principal who, double lat, double lon) {
    String station = coverage.get().stationAt(lat, lon).orElse(null);
    if (!who.sees(station)) {
      throw ApiError.forbidden("the place lies in the area of station " + station + ", outside the stations of account '"
          + who.username() + "'");
    }
  }

  /** Unfinished incidents as dispatch holds them (the whole cluster's); finished ones from the store. */
  private Future<Optional<Incident>> incident(String id) {
    Optional<Incident> held = dispatch.unfinished().stream().filter(i -> i.id().equals(id)).findFirst();
    return held.isPresent() ? Future.succeededFuture(held) : incidents.find(id);
  }

  private void assignable(Principal who, String unitId) {
    if (!units.unit(unitId).map(u -> who.sees(u.person().stationId())).orElse(who.sees(null))) {
      throw ApiError.notFound("unit " + unitId);
    }
  }

  /** The unit shows in the incident's assignments, so it is no secret; it is just not the caller's. */
  private void releasable(Principal who, String unitId) {
    units.unit(unitId).map(u -> u.person().stationId()).filter(station -> !who.sees(station)).ifPresent(station -> {
      throw ApiError.forbidden("unit " + unitId + " belongs to station " + station + ", outside the stations of account '"
          + who.username() + "'");
    });
  }
}
