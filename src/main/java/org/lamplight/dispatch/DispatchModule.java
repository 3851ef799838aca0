package org.lamplight.dispatch;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Supplier;
import org.lamplight.alert.Alerts;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.domain.dispatch.DispatchEngine;
import org.lamplight.domain.dispatch.MassDisconnect;
import org.lamplight.domain.dispatch.RankingSettings;
import org.lamplight.domain.dispatch.TravelTimeEstimator;
import org.lamplight.domain.dispatch.UnitClaims;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.road.RoadNetwork;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.domain.road.TravelSettings;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.IncidentRepository;
import org.lamplight.tracking.TrackingModule;

/**
 * Dispatch: the response plans, the state machine, and the verticle that drives it for the
 * incidents this node opens or adopts.
 */
public final class DispatchModule implements Module {

  private final IncidentRepository incidents;
  private final Supplier<Optional<RoadTravel>> roads;
  private final DispatchVerticle driver;
  private final ThreadingModel threading;

  /**
   * @param claims who holds which unit (a cluster shares them between nodes)
   * @param ownership which node drives which incident
   * @param threading a cluster's claims and ownership block, so its driver runs on a worker
   */
  public DispatchModule(Platform platform, CurrentCounty county, TrackingModule tracking, GatewayModule gateway,
                        Alerts alerts, UnitClaims claims, IncidentOwnership ownership, ThreadingModel threading) {
    Config config = platform.config();
    LiveUnitDirectory directory = new LiveUnitDirectory(tracking.units(), county);
    this.incidents = new IncidentRepository(platform.pool(), timeZone(config));
    RankingSettings defaults = RankingSettings.defaults();
    this.roads = roads(config, county);
    DispatchEngine engine = new DispatchEngine(ResponsePlanFile.load(Path.of(config.get(Keys.DISPATCH_PLANS))),
        directory, claims, new RankingSettings(config.get(Keys.DISPATCH_SPEED_KMH) / 3.6, defaults.localSlackMs(),
            defaults.localSlackRatio(), defaults.candidateLimit(), config.get(Keys.DISPATCH_ROAD_CANDIDATES)),
        (lat, lon) -> roads.get().map(TravelTimeEstimator::byRoad).orElse(TravelTimeEstimator.STRAIGHT_LINE)
            .from(lat, lon), config.get(Keys.DISPATCH_CLEARED_REMINDER));
    this.driver = new DispatchVerticle(engine, claims, directory, tracking.units(), incidents, gateway.outbox(), ownership,
        alerts, new MassDisconnect(config.get(Keys.DISPATCH_MASS_DISCONNECT_WINDOW),
            config.get(Keys.DISPATCH_MASS_DISCONNECT_UNITS), config.get(Keys.DISPATCH_MASS_DISCONNECT_SHARE)),
        config.get(Keys.DISPATCH_MASS_DISCONNECT_WINDOW));
    this.threading = threading;
  }

  private static ZoneId timeZone(Config config) {
    try {
      return ZoneId.of(config.get(Keys.COUNTY_TIME_ZONE));
    } catch (DateTimeException e) {
      throw new ConfigException(Keys.COUNTY_TIME_ZONE.name() + ": not a time zone: " + e.getMessage());
    }
  }

  /**
   * The county's roads (built again, read-only, when the county changes), unless travel by road is
   * switched off.
   */
  private static Supplier<Optional<RoadTravel>> roads(Config config, CurrentCounty county) {
    if (!config.get(Keys.DISPATCH_ROAD_ENABLED)) {
      return Optional::empty;
    }
    TravelSettings travel = new TravelSettings(config.get(Keys.DISPATCH_ROAD_COUNTY_KMH),
        config.get(Keys.DISPATCH_ROAD_TOWNSHIP_KMH), config.get(Keys.DISPATCH_ROAD_VILLAGE_KMH),
        config.get(Keys.DISPATCH_ROAD_OFF_ROAD_KMH), config.get(Keys.DISPATCH_ROAD_SNAP_M));
    return county.derived(c -> Optional.of(new RoadTravel(RoadNetwork.of(c.roads()), travel)));
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> driver, new DeploymentOptions().setThreadingModel(threading));
  }

  /**
   * Where this node's devices' reports and replies go: to dispatch as the node routes it
   * ({@code routed}: in a cluster, to the node driving the incident). Deployed after the routing
   * exists, which is built from this module's driver.
   */
  public Module deviceEvents(DispatchService routed) {
    return deployer -> deployer.deploy(() -> new DeviceEventVerticle(routed, incidents), 1);
  }

  /** This node's own dispatch. */
  public IncidentDriver driver() {
    return driver;
  }

  public IncidentRepository incidents() {
    return incidents;
  }

  /**
   * Travel over the current county's roads, shared with whoever shows a route; empty when road
   * travel is off.
   */
  public Supplier<Optional<RoadTravel>> roads() {
    return roads;
  }
}
