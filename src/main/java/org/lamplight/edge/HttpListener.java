package org.lamplight.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lamplight.config.Config;
import org.lamplight.config.ConfigException;
import org.lamplight.config.Key;
import org.lamplight.config.Keys;
import org.lamplight.edge.ConnectionLimits.Admission;

/**
 * An HTTP server that a flood of idle or slow connections cannot take down: connections beyond
 * the listener's limits are closed at once, a connection that has not sent a complete request
 * head within the header timeout is closed (a silent or dribbling client), an idle one after the
 * idle timeout, and request lines and headers are bounded. Requests that do not parse as HTTP get
 * a JSON error. One instance per verticle: its handlers run on that verticle's event loop.
 */
public final class HttpListener {

  /** Longest request line: OsmAnd's query with every parameter is a few hundred bytes. */
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADER_SIZE = 8192;
  /**
   * Largest WebSocket frame and message a client may send: consoles send pings and the field app
   * messages of at most a device payload (mqtt.max-payload) in an envelope. Larger ones close the
   * connection (1009) before they are buffered.
   */
  static final int MAX_WEBSOCKET_MESSAGE = 16 * 1024;

  /** One listener's settings. */
  public record Limits(String name, long idleTimeoutMs, long headerTimeoutMs, int maxConnections, int maxPerAddress) {

    public static Limits http(Config config) {
      return new Limits("http", config.get(Keys.HTTP_IDLE_TIMEOUT), config.get(Keys.HTTP_HEADER_TIMEOUT),
          config.get(Keys.HTTP_MAX_CONNECTIONS), config.get(Keys.HTTP_MAX_CONNECTIONS_PER_ADDRESS));
    }

    public static Limits osmand(Config config) {
      return new Limits("osmand", config.get(Keys.OSMAND_IDLE_TIMEOUT), config.get(Keys.OSMAND_HEADER_TIMEOUT),
          config.get(Keys.OSMAND_MAX_CONNECTIONS), config.get(Keys.OSMAND_MAX_CONNECTIONS_PER_ADDRESS));
    }
  }

  private final Vertx vertx;
  private final Limits limits;
  private final ConnectionLimits connections;
  private final ListenerMetrics metrics;
  /** Connections still waiting for their first request head, with the timer that closes them. */
  private final Map<HttpConnection, Long> awaitingRequest = new HashMap<>();

  public HttpListener(Vertx vertx, Limits limits, MeterRegistry registry) {
    this.vertx = vertx;
    this.limits = limits;
    this.connections = new ConnectionLimits(limits.maxConnections(), limits.maxPerAddress());
    this.metrics = new ListenerMetrics(registry, limits.name(), connections);
  }

  /**
   * Servers with these limits that hand complete requests to {@code requests}: one on {@code port}
   * and, when {@link Tls} has a certificate, one over TLS on {@code tlsPort}, counted together
   * against the limits (one listener, two ports). A port that cannot be had fails naming its key.
   * The plain server comes first in the list.
   */
  public Future<List<HttpServer>> listen(Handler<HttpServerRequest> requests, Config config, Key<String> host,
                                         Key<Integer> port, Key<Integer> tlsPort) {
    Optional<PemKeyCertOptions> certificate = Tls.of(config);
    Future<HttpServer> plain = listen(create(requests, new HttpServerOptions()), config, host, port);
    if (certificate.isEmpty()) {
      return plain.map(List::of);
    }
    // a socket that never completes its handshake never becomes a connection the limits see
    HttpServerOptions tls = new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.get())
        .setSslHandshakeTimeout(limits.headerTimeoutMs()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    return plain.compose(p -> listen(create(requests, tls), config, host, tlsPort).map(t -> List.of(p, t)));
  }

  private static Future<HttpServer> listen(HttpServer server, Config config, Key<String> host, Key<Integer> port) {
    return server.listen(config.get(port), config.get(host))
        .recover(e -> Future.failedFuture(ConfigException.portUnavailable(port, config.get(port), e)));
  }

  private HttpServer create(Handler<HttpServerRequest> requests, HttpServerOptions options) {
    options
        // Browsers speak HTTP/2 only over TLS and phones HTTP/1.1; h2c would also delay the
        // connection handler until the first bytes, letting silent sockets escape the limits.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) limits.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxInitialLineLength(MAX_INITIAL_LINE)
        .setMaxHeaderSize(MAX_HEADER_SIZE)
        .setMaxWebSocketFrameSize(MAX_WEBSOCKET_MESSAGE)
        .setMaxWebSocketMessageSize(MAX_WEBSOCKET_MESSAGE);
    return vertx.createHttpServer(options)
        .connectionHandler(this::connected)
        .invalidRequestHandler(HttpListener::invalid)
        .requestHandler(req -> {
          Long timer = awaitingRequest.remove(req.connection());
          if (timer != null) {
            vertx.cancelTimer(timer);
          }
          requests.handle(req);
        });
  }

  private void connected(HttpConnection conn) {
    String address = conn.remoteAddress().hostAddress();
    Admission admission = connections.admit(address);
    if (admission != Admission.ADMITTED) {
      metrics.refused(admission);
      conn.close();
      return;
    }
    awaitingRequest.put(conn, vertx.setTimer(limits.headerTimeoutMs(), id -> {
      awaitingRequest.remove(conn);
      metrics.timedOut();
      conn.close();
    }));
    conn.closeHandler(v -> {
      connections.release(address);
      Long timer = awaitingRequest.remove(conn);
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
    });
  }

  /** A request that is not valid HTTP: the status Vert.x would send, with a JSON body, then close. */
  private static void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    int status = 400;
    String message = "the request is not valid HTTP";
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line is longer than " + MAX_INITIAL_LINE + " bytes";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      message = "the request headers are larger than " + MAX_HEADER_SIZE + " bytes";
    }
    req.response().setStatusCode(status).putHeader("content-type", "application/json").putHeader("connection", "close")
        .end(new JsonObject().put("error", "malformed_request").put("message", message).encode())
        .onComplete(ar -> req.connection().close());
  }
}
