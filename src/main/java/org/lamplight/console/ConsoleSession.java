package org.lamplight.console;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens.Principal;

/**
 * One console's WebSocket. Messages go straight to the socket while it keeps up; when it does
 * not, they wait in a bounded queue, and a console that falls further behind than that loses the
 * queue and is brought up to date with a fresh snapshot instead. Memory per console is bounded.
 */
final class ConsoleSession {

  private final ServerWebSocket ws;
  private final Principal principal;
  private final Audience audience;
  private final int maxQueued;
  private final Supplier<String> snapshot;
  private final Runnable onResync;
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean resyncPending;

  ConsoleSession(ServerWebSocket ws, Principal principal, int maxQueued, Supplier<String> snapshot, Runnable onResync) {
    this.ws = ws;
    this.principal = principal;
    this.audience = Audience.of(principal);
    this.maxQueued = maxQueued;
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
    if (queue.size() > maxQueued) {
      queue.clear();
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

  int queued() {
    return queue.size();
  }

  private void drain() {
    if (ws.isClosed()) {
      return;
    }
    while (!queue.isEmpty() && !ws.writeQueueFull()) {
      ws.writeTextMessage(queue.poll());
    }
    if (resyncPending && queue.isEmpty() && !ws.writeQueueFull()) {
      resyncPending = false;
      ws.writeTextMessage("{\"type\":\"resync\",\"reason\":\"console fell behind\"}");
      ws.writeTextMessage(snapshot.get());
    }
  }
}
