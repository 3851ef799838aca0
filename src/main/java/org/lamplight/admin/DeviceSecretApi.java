package org.lamplight.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lamplight.platform.RandomSecrets;
import org.lamplight.auth.SecretHash;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.console.ApiError;
import org.lamplight.console.ApiRoutes;
import org.lamplight.console.Requests;
import org.lamplight.console.Views;
import org.lamplight.gateway.DeviceBus;
import org.lamplight.store.AuditLog;
import org.lamplight.store.DeviceRepository;

/**
 * A device's secret: issued (or replaced: the old one stops working) and revoked (the device can
 * no longer connect). Either way the device's live connection is closed at once on whichever node
 * holds it, and HTTP devices are refused from their next report (every report is checked against
 * the stored hash). The clear secret leaves the server once, in the answer, with its set-up code.
 */
final class DeviceSecretApi implements ApiRoutes {

  /** Random bytes of a new secret. */
  static final int SECRET_BYTES = 18;

  private final Vertx vertx;
  private final DeviceRepository devices;
  private final int hashIterations;
  private final String serverUrl;

  /** @param serverUrl put in set-up codes; empty: the address the admin's browser used */
  DeviceSecretApi(Vertx vertx, DeviceRepository devices, int hashIterations, String serverUrl) {
    this.vertx = vertx;
    this.devices = devices;
    this.hashIterations = hashIterations;
    this.serverUrl = serverUrl;
  }

  @Override
  public void mount(Router api) {
    api.post("/devices/:deviceId/secret").handler(this::issue);
    api.delete("/devices/:deviceId/secret").handler(this::revoke);
  }

  private void issue(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    String server = server(ctx);
    String deviceId = ctx.pathParam("deviceId");
    String secret = RandomSecrets.generate(SECRET_BYTES);
    vertx.executeBlocking(() -> SecretHash.hash(secret, hashIterations))
        .compose(hash -> devices.replaceSecret(deviceId, hash, audit(who, "device.secret.issue", deviceId)))
        .compose(found -> found ? Future.succeededFuture() : Future.failedFuture(ApiError.notFound("device " + deviceId)))
        .onSuccess(v -> {
          close(deviceId, "a new secret was issued");
          Requests.json(ctx, 200, answer(server, deviceId, secret));
        })
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    Principal who = Admins.admin(ctx);
    String deviceId = ctx.pathParam("deviceId");
    devices.revokeSecret(deviceId, audit(who, "device.secret.revoke", deviceId))
        .onSuccess(found -> {
          if (!found) {
            ctx.fail(ApiError.notFound("device " + deviceId));
            return;
          }
          close(deviceId, "its secret was revoked");
          Requests.json(ctx, 200, new JsonObject().put("deviceId", deviceId).put("hasSecret", false));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The server a set-up code names. Worked out before a secret is stored: the answer is the only
   * place the secret is shown, so a request it cannot be made for is refused before anything changes.
   */
  String server(RoutingContext ctx) {
    return serverUrl.isBlank() ? Admins.origin(ctx) : serverUrl;
  }

  /** The secret with its set-up code, for the one answer that carries it. */
  JsonObject answer(String server, String deviceId, String secret) {
    String setup = SetupCode.text(server, deviceId, secret);
    return Views.deviceSecret(deviceId, secret, setup, SetupCode.svg(setup));
  }

  /** Closes the device's live connection on whichever node holds it. */
  void close(String deviceId, String reason) {
    vertx.eventBus().publish(DeviceBus.CLOSE, new JsonObject().put("deviceId", deviceId).put("reason", reason));
  }

  private static AuditLog.Entry audit(Principal who, String action, String deviceId) {
    return new AuditLog.Entry(who.username(), "device", action, deviceId, new JsonObject());
  }
}
