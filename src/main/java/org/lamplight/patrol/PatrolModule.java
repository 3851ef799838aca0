package org.lamplight.patrol;

import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import java.time.DateTimeException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lamplight.alert.Alerts;
import java.util.function.Supplier;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.domain.coverage.CoverageSettings;
import org.lamplight.domain.coverage.UnitPosts;
import org.lamplight.domain.evaluation.EvaluationSettings;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.SettingsRepository;
import org.lamplight.tracking.TrackingModule;

/**
 * Patrol coverage, the work ledger and the monthly evaluation: the coverage accounting of the
 * fixes this node's devices report, with what the console and the API need to read them. All of
 * it follows the current county: a county changed at run time is in force for the next request and
 * the next fix counted.
 */
public final class PatrolModule implements Module {

  private final Alerts alerts;
  private final Platform platform;
  private final Supplier<CountyPosts> posted;
  private final TrackingModule tracking;
  private final CoverageSettings settings;
  private final CoverageRepository coverage;
  private final CoverageService coverageService;
  private final LedgerService ledger;
  private final EvaluationService evaluations;
  private final HistoryImport history;
  private CoverageVerticle accounting;

  public PatrolModule(Platform platform, CurrentCounty county, TrackingModule tracking, Alerts alerts) {
    this.alerts = alerts;
    this.platform = platform;
    this.posted = county.derived(CountyPosts::of);
    this.tracking = tracking;
    this.settings = settings(platform.config());
    this.coverage = new CoverageRepository(platform.pool());
    this.coverageService = new CoverageService(posted, coverage, tracking.positions(), settings,
        platform.config().get(Keys.COVERAGE_VISITS_PER_DAY));
    EvaluationSettings evaluation = EvaluationFile.load(Path.of(platform.config().get(Keys.EVALUATION_FILE)));
    LedgerRepository ledgerRepository = new LedgerRepository(platform.pool());
    this.ledger = new LedgerService(county, tracking.units(), ledgerRepository, settings.zone(),
        platform.config().get(Keys.FIX_MAX_FUTURE));
    this.evaluations = new EvaluationService(platform.vertx(), county, evaluation, settings.zone(),
        new EvaluationRepository(platform.pool()), coverage, coverageService, ledgerRepository);
    this.history = new HistoryImport(county, tracking.positions(), platform.config().get(Keys.FIX_MAX_FUTURE),
        platform.config().get(Keys.FIX_MAX_SPEED));
  }

  static CoverageSettings settings(Config config) {
    ZoneId zone;
    try {
      zone = ZoneId.of(config.get(Keys.COVERAGE_ZONE));
    } catch (DateTimeException e) {
      throw new ConfigException(Keys.COVERAGE_ZONE.name() + ": not a time zone: " + config.get(Keys.COVERAGE_ZONE));
    }
    try {
      return new CoverageSettings(config.get(Keys.COVERAGE_MAX_GAP), config.get(Keys.COVERAGE_MIN_VISIT), zone);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /** An auxiliary is on post in their workstation's village, an officer in the villages of their office. */
  static UnitPosts posts(County county) {
    Map<String, Set<String>> posts = new HashMap<>();
    for (Person p : county.people()) {
      if (p.kind() == UnitKind.OFFICER) {
        county.office(p.officeId()).ifPresent(o -> posts.put(p.id(), Set.copyOf(o.villageIds())));
      } else {
        county.workstation(p.workstationId()).ifPresent(w -> posts.put(p.id(), Set.of(w.villageId())));
      }
    }
    return UnitPosts.of(posts);
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> accounting = new CoverageVerticle(tracking.tracks(), coverage,
            posted, settings, platform.nodeId(), platform.config().get(Keys.COVERAGE_FLUSH)),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .onSuccess(v -> {
          FunctionCounter.builder("lamplight.coverage.events", accounting, CoverageVerticle::counted)
              .description("Fixes and duty changes the coverage accounting counted").register(platform.registry());
          FunctionCounter.builder("lamplight.coverage.cpu", accounting, CoverageVerticle::cpuSeconds).baseUnit("seconds")
              .description("CPU time of the coverage accounting (counting and preparing flushes)")
              .register(platform.registry());
        })
        .compose(v -> deployer.deploy(() -> new LedgerVerticle(ledger, alerts, platform.config().get(Keys.LEDGER_CHECK)), 1))
        .compose(v -> deployer.deploy(() -> new InactivityVerticle(coverageService, new SettingsRepository(platform.pool()), alerts,
            platform.config().get(Keys.COVERAGE_CHECK)), 1));
  }

  /** The accounting verticle of this node. */
  public CoverageVerticle accounting() {
    return accounting;
  }

  /** The work ledger and its hazards. */
  public LedgerService ledger() {
    return ledger;
  }

  /** Past positions written into history (the simulator's back-fill). */
  public HistoryImport history() {
    return history;
  }

  /** The monthly evaluation. */
  public EvaluationService evaluations() {
    return evaluations;
  }

  /** Coverage as the API reads it. */
  public CoverageService coverage() {
    return coverageService;
  }
}
