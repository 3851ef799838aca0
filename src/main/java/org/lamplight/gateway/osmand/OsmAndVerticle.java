package org.lamplight.gateway.osmand;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.lamplight.auth.AuthThrottle;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.edge.ClientAddress;
import org.lamplight.edge.HttpListener;
import org.lamplight.gateway.Presence;
import org.lamplight.gateway.TrackedDevices;
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
  private static final String LISTENER = "osmand";
  /** After a 413, at most this much of the rest of the body is read and thrown away before the connection closes. */
  private static final long DISCARD_BYTES = 1 << 20;
  private static final long DISCARD_MS = 5_000;

  private final Config config;
  private final DeviceAuthenticator authenticator;
  private final TrackedDevices tracked;
  private final AuthThrottle throttle;
  private final ClientAddress clients;
  private final PositionPipeline pipeline;
  private final Presence presence;
  private final OsmAndDecoder queryDecoder = new OsmAndDecoder();
  private final TraccarJsonDecoder jsonDecoder;
  private final MeterRegistry registry;
  private final int maxBody;
  /** How long a device over its rate should wait: the time one more fix takes to be allowed. */
  private final long retryAfterSeconds;
  private HttpServer server;
  /** Null unless tls.cert and tls.key are set. */
  private HttpServer tlsServer;

  public OsmAndVerticle(Config config, DeviceAuthenticator authenticator, AuthThrottle throttle, TrackedDevices tracked,
                        PositionPipeline pipeline, Presence presence, MeterRegistry registry) {
    this.config = config;
    this.authenticator = authenticator;
    this.throttle = throttle;
    this.tracked = tracked;
    this.clients = new ClientAddress(config);
    this.pipeline = pipeline;
    this.presence = presence;
    this.registry = registry;
    this.maxBody = config.get(Keys.OSMAND_MAX_BODY);
    this.jsonDecoder = new TraccarJsonDecoder(config.get(Keys.MQTT_MAX_PAYLOAD));
    this.retryAfterSeconds = Math.max(1, (long) Math.ceil(1 / config.get(Keys.INGEST_DEVICE_RATE)));
  }

  @Override
  public Future<?> start() {
    // Traccar Client reports every 5 s to 5 min: silence of ten grace periods means gone.
    long silence = config.get(Keys.PRESENCE_GRACE) * 10;
    vertx.setPeriodic(SWEEP_MS, id -> presence.sweepSilentHttpDevices(silence));
    return new HttpListener(vertx, HttpListener.Limits.osmand(config), registry)
        .listen(this::handle, config, Keys.OSMAND_HOST, Keys.OSMAND_PORT, Keys.OSMAND_TLS_PORT)
        .onSuccess(servers -> {
          server = servers.get(0);
          tlsServer = servers.size() > 1 ? servers.get(1) : null;
        });
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** -1 when no certificate is configured. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /**
   * Reads the body under the size limit, then decodes: query parameters (also for POST, as
   * Traccar Client sends them), a urlencoded form, or Traccar Client 9's JSON. Nothing here logs
   * the request URI: it carries the device's key.
   */
  private void handle(HttpServerRequest req) {
    String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
    long length = declared == null ? -1 : declaredLength(declared);
    if (length > maxBody) {
      tooLarge(req, length <= DISCARD_BYTES);
      return;
    }
    Buffer body = Buffer.buffer();
    req.handler(chunk -> {
      if (req.response().ended()) {
        return;
      }
      if (body.length() + chunk.length() > maxBody) {
        tooLarge(req, true);
      } else {
        body.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(e -> {
      if (!req.response().ended()) {
        refuse(req, 400, RejectReason.MALFORMED_REQUEST, "cannot read the body");
      }
    });
    req.endHandler(v -> {
      if (!req.response().ended()) {
        decoded(req, () -> decode(req, body));
      }
    });
  }

  private OsmAndRequest decode(HttpServerRequest req, Buffer body) {
    MultiMap query;
    try {
      query = req.params();
    } catch (IllegalArgumentException e) {
      throw new RejectedFixException(RejectReason.MALFORMED_REQUEST, "the query string is not valid percent-encoding");
    }
    String contentType = req.getHeader(HttpHeaders.CONTENT_TYPE);
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      return withQueryKey(jsonDecoder.decode(body), query);
    }
    MultiMap all = MultiMap.caseInsensitiveMultiMap().addAll(query);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      try {
        new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), false).parameters().forEach(all::add);
      } catch (IllegalArgumentException e) {
        throw new RejectedFixException(RejectReason.MALFORMED_REQUEST, "the form body is not valid percent-encoding");
      }
    }
    return queryDecoder.decode(all, System.currentTimeMillis());
  }

  /** A Content-Length that is not a number counts as too large: the body cannot be framed anyway. */
  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Answers 413 and closes. With {@code drain}, it first reads on and throws away the rest of the
   * body, within bounds: closing with the body unread makes the kernel reset the connection, and the
   * reset can destroy the 413 at the client before it is read. A body declared beyond those bounds
   * is not drained: the connection closes at once.
   */
  private void tooLarge(HttpServerRequest req, boolean drain) {
    pipeline.rejected(RejectReason.PAYLOAD_TOO_LARGE);
    Future<Void> answered = req.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(error(RejectReason.PAYLOAD_TOO_LARGE.code(), "the body is larger than " + maxBody + " bytes"));
    if (!drain) {
      answered.onComplete(ar -> req.connection().close());
      return;
    }
    long closeAnyway = vertx.setTimer(DISCARD_MS, id -> req.connection().close());
    Runnable close = () -> {
      vertx.cancelTimer(closeAnyway);
      req.connection().close();
    };
    long[] discarded = {0};
    req.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > DISCARD_BYTES) {
        close.run();
      }
    });
    req.endHandler(v -> close.run());
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
      refuse(req, 400, e.reason(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      // the exception's message might quote the request: log its type only
      LOG.error("unexpected failure decoding an OsmAnd request: {}", e.getClass().getName());
      reply(req, 500, "internal_error", "internal error; see the server log");
      return;
    }
    String address = clients.of(req);
    long wait = throttle.waitMs(r.deviceId(), address, LISTENER);
    if (wait > 0) {
      // Traccar Client keeps the fix and sends it again later
      req.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(AuthThrottle.retryAfterSeconds(wait)));
      reply(req, 429, "too_many_attempts", "too many failed attempts for this device or from this address; wait");
      return;
    }
    if (r.key() == null || r.key().isBlank()) {
      throttle.failed(r.deviceId(), address, LISTENER);
      refuse(req, 401, RejectReason.BAD_CREDENTIALS, "add the device secret as the 'key' parameter");
      return;
    }
    authenticator.authenticate(r.deviceId(), r.key()).onComplete(ar -> {
      if (ar.failed()) {
        unavailable(req, "cannot check the device's credentials now; retry");
        return;
      }
      if (ar.result() == DeviceAuthenticator.Result.OK) {
        throttle.succeeded(r.deviceId());
        tracked.unitOf(r.deviceId()).onComplete(unit -> {
          if (unit.failed()) {
            unavailable(req, "cannot look up the device's unit now; retry");
          } else if (unit.result() == null) {
            refuse(req, 404, RejectReason.UNKNOWN_DEVICE, "unknown device " + r.deviceId());
          } else {
            store(req, r);
          }
        });
        return;
      }
      throttle.failed(r.deviceId(), address, LISTENER);
      if (ar.result() == DeviceAuthenticator.Result.UNKNOWN_DEVICE) {
        refuse(req, 404, RejectReason.UNKNOWN_DEVICE, "unknown device " + r.deviceId());
      } else {
        refuse(req, 401, RejectReason.BAD_CREDENTIALS, "wrong key for device " + r.deviceId());
      }
    });
  }

  /**
   * A fix that decodes but fails validation (too old, out of range) is refused with 200 and a
   * body saying why: Traccar Client resends a non-200 fix forever and sends nothing newer meanwhile.
   * A fix over the device's rate is the exception: 429 makes the client keep it and send it again
   * later (after 30 s), which is what a backlog after a dead spot needs.
   */
  private void store(HttpServerRequest req, OsmAndRequest r) {
    presence.online(r.deviceId());
    try {
      pipeline.accept(r.fix(), System.currentTimeMillis());
    } catch (RejectedFixException e) {
      if (e.reason() == RejectReason.RATE_LIMITED) {
        req.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        reply(req, 429, e.reason().code(), e.getMessage());
        return;
      }
      LOG.debug("discarded fix of {}: {}", r.deviceId(), e.getMessage());
      req.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject().put("accepted", false).put("error", e.reason().code()).put("message", e.getMessage()).encode());
      return;
    }
    req.response().setStatusCode(200).end();
  }

  /** Counts the refusal and answers with its code. */
  private void refuse(HttpServerRequest req, int status, RejectReason reason, String message) {
    pipeline.rejected(reason);
    reply(req, status, reason.code(), message);
  }

  /** The database is down or past its deadline: the device did nothing wrong and sends the fix again. */
  private static void unavailable(HttpServerRequest req, String message) {
    reply(req, 503, "database_unavailable", message);
  }

  private static void reply(HttpServerRequest req, int status, String code, String message) {
    LOG.debug("refused OsmAnd request: {} {}", code, message);
    req.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(error(code, message));
  }

  private static String error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message).encode();
  }
}
