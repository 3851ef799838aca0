package org.lamplight.admin;

import io.vertx.core.Future;
import java.util.List;
import org.lamplight.auth.AuthModule;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.console.ApiRoutes;
import org.lamplight.county.CountyEditor;
import org.lamplight.county.CountyModule;
import org.lamplight.edge.ClientAddress;
import org.lamplight.platform.Deployer;
import org.lamplight.platform.Module;
import org.lamplight.platform.Platform;
import org.lamplight.store.AuditLog;
import org.lamplight.tracking.TrackingModule;

/**
 * Administration at run time: the county's objects, device secrets, accounts, bundle imports and
 * the audit log, as REST routes the console serves (admin only, but changing one's own password).
 * Every change is written with its audit entry and is in force on every node before it is
 * answered; nothing here runs on its own.
 */
public final class AdminModule implements Module {

  private final List<ApiRoutes> routes;

  public AdminModule(Platform platform, CountyModule county, AuthModule auth, TrackingModule tracking) {
    Config config = platform.config();
    CountyEditor editor = new CountyEditor(platform.vertx(), county.current(), county.repository(), county.imports(),
        county::catchUp);
    DeviceSecretApi secrets = new DeviceSecretApi(platform.vertx(), auth.devices(),
        config.get(Keys.AUTH_DEVICE_HASH_ITERATIONS), config.get(Keys.DEVICES_SERVER_URL));
    this.routes = List.of(
        new CountyAdminApi(county, editor, auth.devices(), tracking.units(), secrets),
        secrets,
        new AccountApi(platform.vertx(), auth, county.current(), new ClientAddress(config)),
        new ImportApi(county, config.get(Keys.IMPORT_MAX_UPLOAD_MB) * 1024L * 1024L),
        new AuditApi(new AuditLog(platform.pool())));
  }

  /** The routes the console mounts. */
  public List<ApiRoutes> routes() {
    return routes;
  }

  @Override
  public Future<Void> deploy(Deployer deployer) {
    return Future.succeededFuture();
  }
}
