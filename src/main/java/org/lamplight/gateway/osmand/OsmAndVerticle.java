package org.lamplight.gateway.osmand;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.Presence;
import org.lamplight.tracking.PositionPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Traccar Client / OsmAnd HTTP boundary. Both of Traccar Client's formats (query or form
 * parameters, and the JSON body of version 9+) are accepted; the device secret travels as the
 * {@code key} parameter because OsmAnd's protocol has no credential of its own.
 */
public final class OsmAndVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OsmAndVerticle.class);
  private static final long SWEEP_MS = 10_000;

  private final Config config;
  private final DeviceAuthenticator authenticator;
  private final PositionPipeline pipeline;
  private final Presence presence;
  private final OsmAndDecoder queryDecoder = new OsmAndDecoder();
  private final TraccarJsonDecoder jsonDecoder;
  private HttpServer server;

  public OsmAndVerticle(Config config, DeviceAuthenticator authenticator, PositionPipeline pipeline, Presence presence) {
    this.config = config;
    this.authenticator = authenticator;
    this.pipeline = pipeline;
    this.presence = presence;
    this.jsonDecoder = new TraccarJsonDecoder(config.get(Keys.MQTT_MAX_PAYLOAD));
  }

  @Override
  public Future<?> start() {
    // Traccar Client reports every 5 s to 5 min: silence of ten grace periods means gone.
    long silence = config.get(Keys.PRESENCE_GRACE) * 10;
    vertx.setPeriodic(SWEEP_MS, id -> presence.sweepSilentHttpDevices(silence));
    int port = config.get(Keys.OSMAND_PORT);
    // Phones speak HTTP/1.1; refusing h2c upgrades keeps POST bodies simple.
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(this::handle)
        .listen(port, config.get(Keys.OSMAND_HOST))
        .recover(e -> Future.failedFuture(ConfigException.portUnavailable(Keys.OSMAND_PORT, port, e)))
        .onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest req) {
    String contentType = req.getHeader("content-type");
    String type = contentType == null ? "" : contentType.toLowerCase();
    if (type.startsWith("application/json")) {
      req.body().onSuccess(body -> decoded(req, () -> withQueryKey(jsonDecoder.decode(body), req.params())))
          .onFailure(e -> reply(req, 400, "bad_request", "cannot read the body"));
      return;
    }
    boolean form = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data");
    if (form) {
      req.setExpectMultipart(true);
    }
    // Query-string requests may still come as POST (Traccar Client does): wait for the end either way.
    req.end().onSuccess(v -> {
      MultiMap all = MultiMap.caseInsensitiveMultiMap().addAll(req.params());
      if (form) {
        all.addAll(req.formAttributes());
      }
      decoded(req, () -> queryDecoder.decode(all, System.currentTimeMillis()));
    }).onFailure(e -> reply(req, 400, "bad_request", "cannot read the body"));
  }

  /** Traccar Client 9 sends JSON to the configured URL, so the key may sit in its query string. */
  private static OsmAndRequest withQueryKey(OsmAndRequest r, MultiMap query) {
    return r.key() != null || query.get("key") == null ? r : new OsmAndRequest(r.deviceId(), query.get("key"), r.fix());
  }

  private void decoded(HttpServerRequest req, java.util.function.Supplier<OsmAndRequest> decode) {
    OsmAndRequest r;
    try {
      r = decode.get();
    } catch (RejectedFixException e) {
      pipeline.rejected(e.reason());
      reply(req, 400, e.reason().code(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.error("unexpected failure decoding an OsmAnd request", e);
      reply(req, 500, "internal_error", "internal error; see the server log");
      return;
    }
    if (r.key() == null || r.key().isBlank()) {
      pipeline.rejected(RejectReason.BAD_CREDENTIALS);
      reply(req, 401, RejectReason.BAD_CREDENTIALS.code(), "add the device secret as the 'key' parameter");
      return;
    }
    authenticator.authenticate(r.deviceId(), r.key()).onComplete(ar -> {
      if (ar.failed()) {
        reply(req, 503, "database_unavailable", "cannot check the device's credentials now; retry");
        return;
      }
      switch (ar.result()) {
        case OK -> store(req, r);
        case UNKNOWN_DEVICE -> {
          pipeline.rejected(RejectReason.UNKNOWN_DEVICE);
          reply(req, 404, RejectReason.UNKNOWN_DEVICE.code(), "unknown device " + r.deviceId());
        }
        default -> {
          pipeline.rejected(RejectReason.BAD_CREDENTIALS);
          reply(req, 401, RejectReason.BAD_CREDENTIALS.code(), "wrong key for device " + r.deviceId());
        }
      }
    });
  }

  /**
   * A fix that decodes but fails validation (too old, out of range) is refused with 200 and a
   * body saying why: Traccar Client resends a non-200 fix forever and sends nothing newer meanwhile.
   */
  private void store(HttpServerRequest req, OsmAndRequest r) {
    presence.online(r.deviceId());
    try {
      pipeline.accept(r.fix(), System.currentTimeMillis());
    } catch (RejectedFixException e) {
      LOG.debug("discarded fix of {}: {}", r.deviceId(), e.getMessage());
      req.response().setStatusCode(200).putHeader("content-type", "application/json")
          .end(new JsonObject().put("accepted", false).put("error", e.reason().code()).put("message", e.getMessage()).encode());
      return;
    }
    req.response().setStatusCode(200).end();
  }

  private static void reply(HttpServerRequest req, int status, String code, String message) {
    LOG.debug("refused OsmAnd request: {} {}", code, message);
    req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }
}
