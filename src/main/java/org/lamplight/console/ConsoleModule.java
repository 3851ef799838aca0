package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.lamplight.alert.AlertService;
import org.lamplight.auth.AuthModule;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.dispatch.DispatchService;
import org.lamplight.domain.org.CurrentCounty;
import org.lamplight.domain.road.RoadTravel;
import org.lamplight.edge.ClientAddress;
import org.lamplight.gateway.GatewayModule;
import org.lamplight.patrol.PatrolModule;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.IncidentRepository;
import org.lamplight.tracking.TrackingModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What dispatchers and API clients use: the REST API, the live WebSocket feed, the console's
 * files, health and metrics, all on the HTTP port.
 */
public final class ConsoleModule implements Module {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleModule.class);

  private final HttpVerticle http;
  private final ConsoleFeed feed;

  /**
   * @param county the consoles are told when it changes, and the views follow it
   * @param dispatch the whole cluster's dispatch as this node reaches it
   * @param patrol coverage, the work ledger and the evaluation, whose routes the console serves
   * @param gateway the field app's WebSocket transport and photos, served on the HTTP port
   * @param roads travel over the current county's roads, for the field app's way to an incident
   * @param features more routes (administration), mounted beside the console's own
   * @param databaseOutage why the database is known to be down right now, if it is (for /health)
   */
  public ConsoleModule(Platform platform, CurrentCounty county, AuthModule auth, TrackingModule tracking,
                       DispatchService dispatch, IncidentRepository incidents, AlertService alerts, PatrolModule patrol,
                       GatewayModule gateway, Supplier<Optional<RoadTravel>> roads, List<ApiRoutes> features,
                       Supplier<Optional<String>> databaseOutage) {
    Config config = platform.config();
    this.feed = new ConsoleFeed(platform.vertx(), auth.tokens(), tracking.units(), alerts,
        () -> dispatch.unfinished().stream().map(i -> Views.incident(i, dispatch.stationOf(i), county.get())).toList(),
        county,
        config.get(Keys.CONSOLE_TICK), config.get(Keys.ALERTS_REPEAT), config.get(Keys.CONSOLE_QUEUE_BYTES), platform.registry());
    county.onChange(c -> feed.countyChanged(county.version()));
    auth.gate().onChange(feed::accountsChanged);
    ClientAddress clients = new ClientAddress(config);
    List<ApiRoutes> routes = new ArrayList<>(List.of(
        new AuthApi(platform.vertx(), auth.tokens(), auth.accounts(), auth.loginThrottle(), clients),
        new OrgApi(county, tracking.units(), tracking.positions(), gateway.outbox()),
        new BasemapApi(county, config.get(Keys.CONSOLE_TILE_URL), config.get(Keys.CONSOLE_TICK),
            patrol.coverage().zone()),
        new IncidentApi(dispatch, incidents, new Scope(dispatch, incidents, tracking.units(), county), county,
            patrol.coverage().zone()),
        new CandidateApi(platform.vertx(), dispatch, tracking.units(), roads, config.get(Keys.DISPATCH_SPEED_KMH)),
        new PlaceApi(county),
        new AlertApi(alerts),
        new CoverageApi(patrol.coverage(), patrol.history(), county),
        new LedgerApi(patrol.ledger(), county, patrol.coverage().zone(), patrol.evaluations().settings().closingDay()),
        new EvaluationApi(patrol.evaluations(), county),
        new FieldApi(platform.vertx(), auth.deviceAuthenticator(), auth.deviceTokens(), auth.deviceThrottle(), clients,
            gateway.photos(), county, tracking.units(), roads, config.get(Keys.DISPATCH_SPEED_KMH),
            config.get(Keys.FIELD_DUTY_PHONE)),
        new FieldDayApi(patrol.coverage(), patrol.ledger(), incidents, county)));
    routes.addAll(features);
    this.http = new HttpVerticle(platform, auth.tokens(), auth.deviceTokens(), routes, feed, gateway.web(),
        databaseOutage);
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return deployer.deploy(() -> http, 1).onSuccess(v -> LOG.info("HTTP API and console on port {}{}", httpPort(),
        httpsPort() < 0 ? "" : ", HTTPS on port " + httpsPort()));
  }

  public int httpPort() {
    return http.actualPort();
  }

  /** -1 when no certificate is configured. */
  public int httpsPort() {
    return http.actualTlsPort();
  }

  /** The HTTP routes this node serves, for checking them against openapi.yaml. */
  public List<Route> routes() {
    return http.routes();
  }

  public ConsoleFeed feed() {
    return feed;
  }
}
