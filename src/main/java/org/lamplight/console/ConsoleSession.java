package org.lamplight.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import org.lamplight.auth.Tokens.Principal;

/**
 * One console's WebSocket. Messages arrive already encoded to UTF-8, so that one tick's message
 * is encoded once for every console of an audience, and go straight to the socket while it keeps
 * up.
 * <p>
 * Unit changes are conflated, not queued: a console that cannot take a tick skips it, and at the
 * first tick it can take it is sent, in one message, every unit that changed since the last tick
 * it was sent, as the units are then. A console cannot take a tick while its socket is full, or,
 * once it has acknowledged a {@code units} message ({@code {"type":"ack","tick":N}}), while the
 * last one it was sent is unacknowledged: socket buffers can hold seconds of a busy feed before
 * they fill, and the acknowledgement keeps a slow console's map as fresh as its own pace allows
 * instead. A slow console thus sees the map less often, never later, and nothing is held for it
 * per skipped tick.
 * <p>
 * Messages that must all arrive (snapshots, incidents, alerts, county changes) wait in a queue
 * bounded in bytes while the socket is full; a console that falls further behind than that loses
 * the queue and is brought up to date with a fresh snapshot instead. Memory per console is bounded.
 */
final class ConsoleSession {

  /** What the feed builds for one console, on the feed's context. */
  interface Source {
    /** A snapshot for {@code session}, as of the tick {@link #tick()} says. */
    Buffer snapshot(ConsoleSession session);

    /** The units {@code session} sees that changed after tick {@code since}, as they are now; null when none did. */
    Buffer unitsSince(ConsoleSession session, long since);

    /** The last tick. */
    long tick();
  }

  /** The largest frame clients accept by default (Vert.x's, as its own writes split messages). */
  private static final int FRAME_BYTES = 65_536;
  /** No {@code units} message in flight (ticks count from 1). */
  private static final long NONE = -1;
  private static final Buffer RESYNC = Buffer.buffer("{\"type\":\"resync\",\"reason\":\"console fell behind\"}");

  private final ServerWebSocket ws;
  private final Principal principal;
  private final Audience audience;
  private final long maxQueuedBytes;
  private final Source source;
  private final Runnable onResync;
  private final Runnable onSkip;
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean resyncPending;
  /** The last tick whose unit changes this console holds. */
  private long unitsTick;
  /** It skipped a tick: unit changes after {@link #unitsTick} wait until it can take them. */
  private boolean unitsBehind;
  /** It acknowledges {@code units} messages, so one is in flight at most. */
  private boolean acking;
  /** The tick of the {@code units} message in flight, which its acknowledgement names; {@link #NONE} when none is. */
  private long inFlightTick = NONE;

  ConsoleSession(ServerWebSocket ws, Principal principal, long maxQueuedBytes, Source source, Runnable onResync,
                 Runnable onSkip) {
    this.ws = ws;
    this.principal = principal;
    this.audience = Audience.of(principal);
    this.maxQueuedBytes = maxQueuedBytes;
    this.source = source;
    this.onResync = onResync;
    this.onSkip = onSkip;
    ws.drainHandler(v -> drain());
  }

  Principal principal() {
    return principal;
  }

  Audience audience() {
    return audience;
  }

  /** Sends a snapshot now (on connect, or after the county changed). */
  void sendSnapshot() {
    unitsBehind = false;
    unitsTick = source.tick();
    send(source.snapshot(this));
  }

  /** An event every console must receive: sent now, or queued while the socket is full. */
  void send(Buffer message) {
    if (resyncPending || ws.isClosed()) {
      return; // the coming snapshot supersedes it, or nobody is listening any more
    }
    if (queue.isEmpty() && !ws.writeQueueFull()) {
      write(message);
      return;
    }
    queue.add(message);
    queuedBytes += message.length();
    if (queuedBytes > maxQueuedBytes) {
      queue.clear();
      queuedBytes = 0;
      resyncPending = true;
      onResync.run();
    }
  }

  /**
   * Tick {@code tick}'s unit changes for this console's audience ({@code message} null when it sees
   * none): sent if the console can take them now, else skipped. A console that skipped ticks is
   * sent, at the first tick it can take, every unit that changed since, as it is at that tick.
   */
  void sendUnits(long tick, Buffer message) {
    if (resyncPending || ws.isClosed()) {
      return;
    }
    if (unitsBehind) {
      if (canTakeUnits()) {
        unitsBehind = false;
        Buffer units = source.unitsSince(this, unitsTick);
        unitsTick = tick;
        if (units != null) {
          writeUnits(units, tick);
        }
      }
      return;
    }
    if (message == null) {
      unitsTick = tick;
    } else if (canTakeUnits()) {
      writeUnits(message, tick);
      unitsTick = tick;
    } else {
      unitsBehind = true;
      onSkip.run();
    }
  }

  /**
   * The console took the {@code units} message of {@code tick}: from now on it is sent one at a
   * time. An acknowledgement of an earlier message (sent before it started acknowledging) frees
   * nothing.
   */
  void acknowledged(long tick) {
    acking = true;
    if (tick == inFlightTick) {
      inFlightTick = NONE;
    }
  }

  private boolean canTakeUnits() {
    return queue.isEmpty() && !ws.writeQueueFull() && !(acking && inFlightTick != NONE);
  }

  private void writeUnits(Buffer message, long tick) {
    write(message);
    inFlightTick = tick;
  }

  /** Says why, then closes the socket. */
  void close(String reason) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(new JsonObject().put("type", "bye").put("reason", reason).encode());
      ws.close((short) 1008, "policy");
    }
  }

  /** Bytes the queued events take. */
  long queuedBytes() {
    return queuedBytes;
  }

  /**
   * One text message of bytes already UTF-8: a text frame of its first byte (every message is a
   * JSON object, so that is an ASCII '{'), then the rest as continuations of at most
   * {@link #FRAME_BYTES}, so the same buffer goes to every console without being encoded again.
   * (A first frame of no bytes would be valid too, but Vert.x's own clients then drop the rest.)
   */
  private void write(Buffer utf8) {
    ws.writeFrame(WebSocketFrame.textFrame(utf8.getString(0, 1), false));
    for (int from = 1; from < utf8.length(); from += FRAME_BYTES) {
      int to = Math.min(utf8.length(), from + FRAME_BYTES);
      ws.writeFrame(WebSocketFrame.continuationFrame(utf8.slice(from, to), to == utf8.length()));
    }
  }

  private void drain() {
    if (ws.isClosed()) {
      return;
    }
    while (!queue.isEmpty() && !ws.writeQueueFull()) {
      Buffer message = queue.poll();
      queuedBytes -= message.length();
      write(message);
    }
    if (!queue.isEmpty() || ws.writeQueueFull()) {
      return;
    }
    if (resyncPending) {
      resyncPending = false;
      write(RESYNC);
      sendSnapshot();
    }
  }
}
