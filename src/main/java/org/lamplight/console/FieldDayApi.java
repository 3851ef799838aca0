package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.patrol.CoverageService;
import org.lamplight.patrol.LedgerService;
import org.lamplight.store.IncidentRepository;

/**
 * The field app's "my day": what the unit of the device token did today, from the figures the
 * console reads (dispatch's timeline, the coverage accounting, the ledger). A device reads only its
 * own unit's day: the route takes no unit, and no account's token opens it.
 */
public final class FieldDayApi implements ApiRoutes {

  /** Hazards that still wait for the owner to put them right. */
  private static final List<HazardStatus> AWAITING_RECTIFICATION = List.of(HazardStatus.REPORTED, HazardStatus.ORDERED);
  /** Far more than a day's answers, entries or a village's open hazards. */
  private static final int LIMIT = 1000;

  private final CoverageService coverage;
  private final LedgerService ledger;
  private final IncidentRepository incidents;
  private final CurrentCounty county;

  public FieldDayApi(CoverageService coverage, LedgerService ledger, IncidentRepository incidents, CurrentCounty county) {
    this.coverage = coverage;
    this.ledger = ledger;
    this.incidents = incidents;
    this.county = county;
  }

  @Override
  public void mountDevice(Router api) {
    api.get("/device/day").handler(this::day);
  }

  @Override
  public void mount(Router api) {
  }

  private void day(RoutingContext ctx) {
    String unitId = Requests.device(ctx).unitId();
    ZoneId zone = coverage.zone();
    LocalDate today = coverage.today();
    long fromMs = today.atStartOfDay(zone).toInstant().toEpochMilli();
    long toMs = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    var answers = incidents.answersOf(unitId, fromMs, toMs, LIMIT);
    var entries = ledger.entries(fromMs, toMs, null, List.of(unitId), null, LIMIT);
    var day = coverage.unitDay(unitId, today);
    Future<List<Hazard>> hazards = day.compose(d -> ledger.hazards(AWAITING_RECTIFICATION, d.postVillages(), LIMIT));
    Future.all(answers, entries, hazards)
        .onSuccess(all -> Requests.json(ctx, 200, PatrolViews.fieldDay(today, unitId, answers.result(), day.result(),
            entries.result(), hazards.result(), ledger::stationOfVillage, county.get(), System.currentTimeMillis())))
        .onFailure(ctx::fail);
  }
}
