package org.lamplight.console;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens.Principal;

/**
 * One console's WebSocket. Messages go straight to the socket while it keeps up; when it does
 * not, they wait in a queue bounded in bytes (messages vary from a one-unit change to a whole
 * snapshot), and a console that falls further behind than that loses the queue and is brought up
 * to date with a fresh snapshot instead. Memory per console is bounded.
 */
final class ConsoleSession {

  private final ServerWebSocket ws;
  private final Principal principal;
  private final Audience audience;
  private final long maxQueuedBytes;
  private final Supplier<String> snapshot;
  private final Runnable onResync;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean resyncPending;

  ConsoleSession(ServerWebSocket ws, Principal principal, long maxQueuedBytes, Supplier<String> snapshot, Runnable onResync) {
    this.ws = ws;
    this.principal = principal;
    this.audience = Audience.of(principal);
    this.maxQueuedBytes = maxQueuedBytes;
    this.snapshot = snapshot;
    this.onResync = onResync;
    ws.drainHandler(v -> drain());
  }

  Principal principal() {
    return principal;
  }

  Audience audience() {
    return audience;
  }

  void send(String message) {
    if (resyncPending || ws.isClosed()) {
      return; // the coming snapshot supersedes it, or nobody is listening any more
    }
    if (queue.isEmpty() && !ws.writeQueueFull()) {
      ws.writeTextMessage(message);
      return;
    }
    queue.add(message);
    queuedBytes += heapBytes(message);
    if (queuedBytes > maxQueuedBytes) {
      queue.clear();
      queuedBytes = 0;
      resyncPending = true;
      onResync.run();
    }
  }

  /** Says why, then closes the socket. */
  void close(String reason) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(new JsonObject().put("type", "bye").put("reason", reason).encode());
      ws.close((short) 1008, "policy");
    }
  }

  /** Bytes the queued messages take on the heap. */
  long queuedBytes() {
    return queuedBytes;
  }

  /** At most two bytes a character: what a String holds on the heap, whatever its text. */
  private static long heapBytes(String message) {
    return 2L * message.length();
  }

  private void drain() {
    if (ws.isClosed()) {
      return;
    }
    while (!queue.isEmpty() && !ws.writeQueueFull()) {
      String message = queue.poll();
      queuedBytes -= heapBytes(message);
      ws.writeTextMessage(message);
    }
    if (resyncPending && queue.isEmpty() && !ws.writeQueueFull()) {
      resyncPending = false;
      ws.writeTextMessage("{\"type\":\"resync\",\"reason\":\"console fell behind\"}");
      ws.writeTextMessage(snapshot.get());
    }
  }
}
