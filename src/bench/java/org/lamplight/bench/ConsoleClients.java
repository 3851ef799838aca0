package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Dispatcher consoles on the live feed ({@code GET /ws?token=}), all on one selector thread and
 * reduced to what the benchmarks measure, so that fifty of them cost the load JVM little: frames
 * are read as bytes and never decoded to text. For every unit in a {@code units} message it
 * records how old the unit's position is on arrival (ping → console; the fix time is epoch ms),
 * and per message how long after the server's tick ({@code at}) it arrived (fan-out). Like the
 * console in the browser, each acknowledges every {@code units} message once it has read it.
 */
final class ConsoleClients implements AutoCloseable {

  private static final byte[] UNITS = "{\"type\":\"units\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AT = "\"at\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FIX = "\"fix\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TICK = "\"tick\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Selector selector = Selector.open();
  private final List<Console> consoles = new ArrayList<>();
  private final Recorder pingToConsoleUs = new Recorder(3);
  private final Recorder tickToConsoleUs = new Recorder(3);
  private final LongAdder positions = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final CountDownLatch upgraded;
  private final Thread io;
  private volatile boolean closing;

  /** One WebSocket: the HTTP upgrade first, then frames, whose payloads are gathered into whole messages. */
  private static final class Console {
    final SocketChannel channel;
    final ByteBuffer in = ByteBuffer.allocate(256 * 1024);
    byte[] message = new byte[512 * 1024];
    int messageLength;
    boolean open;
    boolean inFrame;
    long frameLeft;
    boolean frameFin;
    boolean frameText;

    Console(SocketChannel channel) {
      this.channel = channel;
    }
  }

  ConsoleClients(InetSocketAddress server, String token, int count) throws IOException {
    upgraded = new CountDownLatch(count);
    byte[] request = ("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: bGFtcGxpZ2h0LWJlbmNoIQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      SocketChannel ch = SocketChannel.open(server);
      ByteBuffer r = ByteBuffer.wrap(request);
      while (r.hasRemaining()) {
        ch.write(r);
      }
      ch.configureBlocking(false);
      Console c = new Console(ch);
      consoles.add(c);
      ch.register(selector, SelectionKey.OP_READ, c);
    }
    io = new Thread(this::loop, "console-clients");
    io.setDaemon(true);
    io.start();
  }

  void awaitOpen(long timeoutMs) throws InterruptedException {
    if (!upgraded.await(timeoutMs, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(upgraded.getCount() + " of " + consoles.size() + " consoles were not let in");
    }
  }

  Histogram pingToConsoleSinceLastCall() {
    return pingToConsoleUs.getIntervalHistogram();
  }

  Histogram tickToConsoleSinceLastCall() {
    return tickToConsoleUs.getIntervalHistogram();
  }

  /** Unit positions received so far, over all consoles. */
  long positions() {
    return positions.sum();
  }

  /** Bytes received so far, over all consoles (frame headers included). */
  long bytes() {
    return bytes.sum();
  }

  private void loop() {
    try {
      while (!closing) {
        selector.select(100);
        for (SelectionKey key : selector.selectedKeys()) {
          Console c = (Console) key.attachment();
          int read = c.channel.read(c.in);
          if (read < 0) {
            key.cancel();
            continue;
          }
          bytes.add(read);
          c.in.flip();
          if (!c.open) {
            handshake(c);
          }
          if (c.open) {
            frames(c);
          }
          c.in.compact();
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      if (!closing) {
        System.err.println("console clients stopped: " + e.getMessage());
      }
    }
  }

  private void handshake(Console c) {
    int end = indexOf(c.in.array(), c.in.position(), c.in.limit(), HEADERS_END);
    if (end < 0) {
      return;
    }
    String status = new String(c.in.array(), c.in.position(), Math.min(12, end), StandardCharsets.US_ASCII);
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IllegalStateException("the console feed refused the upgrade: " + status);
    }
    c.in.position(end + HEADERS_END.length);
    c.open = true;
    upgraded.countDown();
  }

  /** Reads frames as they come (server frames are never masked), gathering text payloads into whole messages. */
  private void frames(Console c) {
    ByteBuffer in = c.in;
    while (true) {
      if (!c.inFrame) {
        int start = in.position();
        if (in.remaining() < 2) {
          return;
        }
        int b0 = in.get() & 0xFF;
        int b1 = in.get() & 0x7F;
        int extra = b1 == 126 ? 2 : b1 == 127 ? 8 : 0;
        if (in.remaining() < extra) {
          in.position(start);
          return;
        }
        c.frameLeft = extra == 2 ? in.getShort() & 0xFFFF : extra == 8 ? in.getLong() : b1;
        c.frameFin = (b0 & 0x80) != 0;
        c.frameText = (b0 & 0x0F) <= 1; // text or continuation; close, ping and pong are skipped
        c.inFrame = true;
      }
      int n = (int) Math.min(c.frameLeft, in.remaining());
      if (c.frameText) {
        if (c.messageLength + n > c.message.length) {
          c.message = Arrays.copyOf(c.message, Math.max(2 * c.message.length, c.messageLength + n));
        }
        in.get(c.message, c.messageLength, n);
        c.messageLength += n;
      } else {
        in.position(in.position() + n);
      }
      c.frameLeft -= n;
      if (c.frameLeft > 0) {
        return;
      }
      c.inFrame = false;
      if (c.frameFin && c.frameText) {
        long tick = message(c.message, c.messageLength, System.currentTimeMillis());
        if (tick >= 0) {
          acknowledge(c, tick);
        }
        c.messageLength = 0;
      }
    }
  }

  /** Records a {@code units} message's latencies and returns its tick; -1 for any other message. */
  private long message(byte[] m, int length, long nowMs) {
    if (indexOf(m, 0, Math.min(length, UNITS.length), UNITS) != 0) {
      return -1;
    }
    long at = numberAfter(m, length, AT, 0);
    if (at > 0) {
      tickToConsoleUs.recordValue(Math.max(0, nowMs - at) * 1000);
    }
    // an entry's only array is its fix: look for '[' alone (a cheap scan), then check what precedes it
    int fixes = 0;
    for (int i = 0; i < length; i++) {
      if (m[i] == '[' && i + 1 >= FIX.length && endsWith(m, i + 1, FIX)) {
        long ts = fixTime(m, length, i + 1);
        if (ts > 0) {
          pingToConsoleUs.recordValue(Math.max(0, nowMs - ts) * 1000);
          fixes++;
        }
      }
    }
    positions.add(fixes);
    return numberAfter(m, length, TICK, 0);
  }

  private static boolean endsWith(byte[] m, int end, byte[] suffix) {
    for (int k = 0; k < suffix.length; k++) {
      if (m[end - suffix.length + k] != suffix[k]) {
        return false;
      }
    }
    return true;
  }

  /** The third element (the fix time, epoch ms) of the {@code fix} array whose elements start at {@code from}. */
  private static long fixTime(byte[] m, int length, int from) {
    int j = from;
    for (int commas = 0; j < length && commas < 2; j++) {
      if (m[j] == ',') {
        commas++;
      }
    }
    return digitsAt(m, length, j);
  }

  /** Sends {@code {"type":"ack","tick":N}} as a client must: a final text frame, masked (with a zero key, as a load tool may). */
  private static void acknowledge(Console c, long tick) {
    byte[] text = ("{\"type\":\"ack\",\"tick\":" + tick + "}").getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[6 + text.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | text.length);
    System.arraycopy(text, 0, frame, 6, text.length);
    try {
      ByteBuffer ack = ByteBuffer.wrap(frame);
      while (ack.hasRemaining()) {
        c.channel.write(ack);
      }
    } catch (IOException e) {
      // the socket is gone; the selector will see it
    }
  }

  /** The non-negative integer right after the first {@code key} at or after {@code from}, or -1. */
  private static long numberAfter(byte[] m, int length, byte[] key, int from) {
    int i = indexOf(m, from, length, key);
    if (i < 0) {
      return -1;
    }
    return digitsAt(m, length, i + key.length);
  }

  /** The non-negative integer whose digits start at {@code from} (0 when none do). */
  private static long digitsAt(byte[] m, int length, int from) {
    long v = 0;
    for (int j = from; j < length && m[j] >= '0' && m[j] <= '9'; j++) {
      v = v * 10 + (m[j] - '0');
    }
    return v;
  }

  private static int indexOf(byte[] hay, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i + needle.length <= to; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (hay[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    closing = true;
    io.join(2000);
    // a masked close frame with an empty payload, as a client must send
    byte[] closeFrame = {(byte) 0x88, (byte) 0x80, 1, 2, 3, 4};
    for (Console c : consoles) {
      try {
        c.channel.write(ByteBuffer.wrap(closeFrame));
      } catch (IOException ignored) {
        // already gone
      }
      c.channel.close();
    }
    selector.close();
  }
}
