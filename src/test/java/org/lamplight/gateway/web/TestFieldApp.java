package org.lamplight.gateway.web;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;

/**
 * The field app's side of its WebSocket, played by the JDK's own WebSocket client: it logs in,
 * publishes with client ids, waits for acknowledgements and orders, and says when it received one.
 */
final class TestFieldApp implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final AtomicInteger IDS = new AtomicInteger();

  private final String deviceId;
  private final BlockingQueue<JsonObject> acks = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> orders = new LinkedBlockingQueue<>();
  private final BlockingQueue<JsonObject> hellos = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket ws;
  private volatile boolean reading = true;

  private TestFieldApp(String deviceId, WebSocket.Builder builder, URI uri) {
    this.deviceId = deviceId;
    this.ws = builder.buildAsync(uri, new Listener()).join();
  }

  /** A device token for the device, from its id and secret. */
  static String login(TestNode node, String deviceId, String secret) {
    var r = node.post("/api/device/login", new JsonObject().put("deviceId", deviceId).put("secret", secret), null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("device login failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return TestSecrets.register("a device token", r.bodyAsJsonObject().getString("token"));
  }

  /** Opens the app's socket with the token in the query, as a browser does. */
  static TestFieldApp connect(TestNode node, String deviceId, String token) {
    return new TestFieldApp(deviceId, HTTP.newWebSocketBuilder(),
        URI.create("ws://localhost:" + node.httpPort() + "/device/ws?token=" + token));
  }

  /** Tries to open a socket; completes exceptionally when the upgrade is refused. */
  static CompletableFuture<WebSocket> attempt(TestNode node, String token) {
    return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + node.httpPort() + "/device/ws?token=" + token),
        new WebSocket.Listener() { });
  }

  String topic(String kind) {
    return "lamplight/devices/" + deviceId + "/" + kind;
  }

  JsonObject hello() throws InterruptedException {
    return take(hellos, "hello");
  }

  /** Sends a publish and returns its client id. */
  String publish(String kind, JsonObject payload) {
    String id = "c" + IDS.incrementAndGet();
    publish(id, topic(kind), payload);
    return id;
  }

  void publish(String id, String topic, JsonObject payload) {
    send(new JsonObject().put("type", "publish").put("id", id).put("topic", topic).put("payload", payload));
  }

  void received(String deliveryId) {
    send(new JsonObject().put("type", "received").put("id", "r" + IDS.incrementAndGet()).put("deliveryId", deliveryId));
  }

  void send(JsonObject envelope) {
    sendText(envelope.encode());
  }

  void sendText(String text) {
    ws.sendText(text, true).join();
  }

  /** The acknowledgement of the message with this id; acknowledgements of others are skipped. */
  JsonObject ack(String id) throws InterruptedException {
    while (true) {
      JsonObject a = take(acks, "the acknowledgement of " + id);
      if (id == null ? a.getValue("ack") == null : id.equals(a.getString("ack"))) {
        return a;
      }
    }
  }

  /** The next order delivery ({deliveryId, order}) whose order has this action; others are skipped. */
  JsonObject nextOrder(String action) throws InterruptedException {
    while (true) {
      JsonObject o = take(orders, "a '" + action + "' order");
      if (action.equals(o.getJsonObject("order").getString("action"))) {
        return o;
      }
    }
  }

  /** The next acknowledgement, whichever message it is for. */
  JsonObject nextAck() throws InterruptedException {
    return take(acks, "an acknowledgement");
  }

  /** Orders delivered so far and not yet taken. */
  List<JsonObject> pendingOrders() {
    List<JsonObject> out = new ArrayList<>();
    orders.drainTo(out);
    return out;
  }

  /** Completes with the close code the server sent. */
  CompletableFuture<Integer> closed() {
    return closed;
  }

  /** Stops reading what the server sends, as an app stalled in the background does. */
  void stopReading() {
    reading = false;
  }

  void resumeReading() {
    reading = true;
    ws.request(1);
  }

  /** Drops the connection without a close handshake, as a phone losing coverage does. */
  void drop() {
    ws.abort();
  }

  /** Logs out: a normal close. */
  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
  }

  private static JsonObject take(BlockingQueue<JsonObject> queue, String what) throws InterruptedException {
    JsonObject m = queue.poll(20, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no " + what + " in time");
    }
    return m;
  }

  private final class Listener implements WebSocket.Listener {

    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject m = new JsonObject(partial.toString());
        partial.setLength(0);
        if (m.containsKey("ack")) {
          acks.add(m);
        } else if ("order".equals(m.getString("type"))) {
          orders.add(m);
        } else if ("hello".equals(m.getString("type"))) {
          hellos.add(m);
        }
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
