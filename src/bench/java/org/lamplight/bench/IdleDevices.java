package org.lamplight.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The load tool of the connections section, run in a JVM of its own so that its file limit is
 * not the server's: many MQTT 3.1.1 devices that connect with a keep-alive and then stay mostly
 * idle, each sending one native position ping (QoS 1) every {@value #PING_EVERY_MS} ms. All
 * connections come from one loopback source address of its own.
 *
 * <p>Arguments: server host, MQTT port, source address, devices file (lines
 * {@code clientId,username,password,lat,lon}). Commands on stdin, one a line: {@code open N}
 * holds N connections (it opens the missing ones, at most {@value #MAX_PENDING} awaiting their
 * CONNACK at a time; one refused as "server unavailable" is tried again), {@code giveup} closes those still awaiting one, {@code quit} ends. Twice a
 * second it prints its state on stdout as {@link Status#line}. After the first connection that
 * fails it opens no more: what stopped it is in the status.
 */
public final class IdleDevices {

  static final long PING_EVERY_MS = 10_000;
  static final int KEEP_ALIVE_S = 30;
  /** A ping not acknowledged within this, when the next is due, counts as late: the connection is not pinging. */
  static final long LATE_MS = PING_EVERY_MS;
  static final long CONNACK_TIMEOUT_MS = 10_000;
  /** Awaiting their CONNACK at a time: each asks the server for a credential check in PostgreSQL. */
  static final int MAX_PENDING = 64;
  /** A CONNACK "server unavailable" is tried again after this, as the field app does; {@value #RETRIES} times at most. */
  static final long RETRY_AFTER_MS = 5_000;
  static final int RETRIES = 3;
  private static final long STATUS_EVERY_MS = 500;
  /** MQTT 3.1.1 CONNACK return code 3. */
  private static final int SERVER_UNAVAILABLE = 3;

  /**
   * What the tool holds: connections up (CONNACK accepted, not closed), awaiting their CONNACK,
   * up but with a ping unacknowledged for over {@value #LATE_MS} ms, closed by the server after
   * their CONNACK, failed before it, CONNECTs tried again after "server unavailable", pings
   * acknowledged in all, and what stopped the opening ({@code -} while nothing did).
   */
  record Status(int up, int pending, int late, int dropped, int failed, int retried, long acked, String stoppedBy) {

    static final String PREFIX = "status ";

    String line() {
      return String.format(Locale.ROOT, "%sup=%d pending=%d late=%d dropped=%d failed=%d retried=%d acked=%d stopped=%s",
          PREFIX, up, pending, late, dropped, failed, retried, acked, stoppedBy);
    }

    /** The status in a line the tool printed; {@code stopped} is the rest of the line. */
    static Status parse(String line) {
      if (!line.startsWith(PREFIX)) {
        throw new IllegalArgumentException("not a status line: " + line);
      }
      String body = line.substring(PREFIX.length());
      int s = body.indexOf("stopped=");
      String[] f = body.substring(0, s).strip().split(" ");
      long[] v = new long[f.length];
      for (int i = 0; i < f.length; i++) {
        v[i] = Long.parseLong(f[i].substring(f[i].indexOf('=') + 1));
      }
      return new Status((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], v[6],
          body.substring(s + "stopped=".length()));
    }

    boolean stopped() {
      return !"-".equals(stoppedBy);
    }
  }

  private static final class Connection {
    final LoadGenerator.Device device;
    final Ping ping;
    SocketChannel channel;
    SelectionKey key;
    final ByteBuffer in = ByteBuffer.allocate(256);
    long openedNs;
    /** When a refused CONNECT is tried again; 0 when none waits. */
    long retryAtNs;
    int refusals;
    boolean up;
    boolean closed;
    long nextPingNs;
    long unackedSinceNs;
    int nextId;

    Connection(LoadGenerator.Device device) {
      this.device = device;
      this.ping = new Ping("lamplight/devices/" + device.clientId() + "/position", 1, device.lat(), device.lon());
    }
  }

  private final InetSocketAddress server;
  private final InetSocketAddress source;
  private final List<Connection> connections;
  private final Selector selector;
  private final SplittableRandom random = new SplittableRandom(3);
  private volatile int wanted;
  private volatile boolean giveUp;
  private volatile boolean quit;
  private int opened;
  private int dropped;
  private int failed;
  private int retried;
  private long acked;
  private String stoppedBy = "-";

  private IdleDevices(InetSocketAddress server, InetSocketAddress source, List<LoadGenerator.Device> devices)
      throws IOException {
    this.server = server;
    this.source = source;
    this.connections = devices.stream().map(Connection::new).toList();
    this.selector = Selector.open();
  }

  public static void main(String[] args) throws Exception {
    List<LoadGenerator.Device> devices = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[3]))) {
      String[] f = line.split(",");
      devices.add(new LoadGenerator.Device(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4])));
    }
    IdleDevices tool = new IdleDevices(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
        new InetSocketAddress(args[2], 0), devices);
    Thread commands = new Thread(tool::readCommands, "commands");
    commands.setDaemon(true);
    commands.start();
    tool.loop();
    System.exit(0);
  }

  private void readCommands() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("open ")) {
          wanted = Math.min(connections.size(), Integer.parseInt(line.substring(5).strip()));
        } else if (line.equals("giveup")) {
          giveUp = true;
        } else if (line.equals("quit")) {
          break;
        }
        selector.wakeup();
      }
    } catch (IOException e) {
      // the section went away: end as after quit
    }
    quit = true;
    selector.wakeup();
  }

  private void loop() throws IOException {
    long nextStatusNs = System.nanoTime();
    while (!quit) {
      selector.select(50);
      for (SelectionKey key : selector.selectedKeys()) {
        handle((Connection) key.attachment(), key);
      }
      selector.selectedKeys().clear();
      long now = System.nanoTime();
      openMore(now);
      sweep(now);
      if (now >= nextStatusNs) {
        System.out.println(status(now).line());
        System.out.flush();
        nextStatusNs = now + STATUS_EVERY_MS * 1_000_000;
      }
    }
    for (int i = 0; i < opened; i++) {
      Connection c = connections.get(i);
      if (c.up && !c.closed) {
        try {
          c.channel.write(ByteBuffer.wrap(MqttPackets.disconnect()));
        } catch (IOException ignored) {
          // the server may have closed it meanwhile
        }
      }
      close(c);
    }
    selector.close();
  }

  private void openMore(long now) {
    int pending = 0;
    for (int i = 0; i < opened; i++) {
      Connection c = connections.get(i);
      pending += !c.up && !c.closed ? 1 : 0;
    }
    while (!stoppedByAnything() && opened < wanted && pending < MAX_PENDING) {
      connect(connections.get(opened++), now);
      pending++;
    }
  }

  private void connect(Connection c, long now) {
    c.openedNs = now;
    c.in.clear();
    c.retryAtNs = 0;
    try {
      c.channel = SocketChannel.open();
      c.channel.bind(source);
      c.channel.configureBlocking(false);
      c.channel.connect(server);
      c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
    } catch (IOException e) {
      fail(c, "connect from this tool failed: " + e.getMessage());
    }
  }

  private boolean stoppedByAnything() {
    return !"-".equals(stoppedBy);
  }

  /** Pings that are due, CONNACKs that timed out, and connections given up on. */
  private void sweep(long now) {
    for (int i = 0; i < opened; i++) {
      Connection c = connections.get(i);
      if (c.closed) {
        continue;
      }
      if (!c.up) {
        if (c.retryAtNs != 0) {
          if (giveUp) {
            fail(c, "given up awaiting a CONNACK");
          } else if (now >= c.retryAtNs) {
            connect(c, now);
          }
        } else if (giveUp || now - c.openedNs > CONNACK_TIMEOUT_MS * 1_000_000) {
          fail(c, giveUp ? "given up awaiting a CONNACK" : "no CONNACK within " + CONNACK_TIMEOUT_MS / 1000 + " s");
        }
      } else if (now >= c.nextPingNs && c.unackedSinceNs == 0) {
        ping(c, now);
      }
    }
  }

  private void ping(Connection c, long now) {
    c.nextId = c.nextId % 65_535 + 1;
    c.ping.stamp(System.currentTimeMillis(), now, c.nextId);
    try {
      ByteBuffer packet = ByteBuffer.wrap(c.ping.packet);
      c.channel.write(packet);
      if (packet.hasRemaining()) {
        throw new IOException("socket buffer full on an idle connection");
      }
      c.unackedSinceNs = now;
      c.nextPingNs = now + PING_EVERY_MS * 1_000_000;
    } catch (IOException e) {
      dropped(c);
    }
  }

  private void handle(Connection c, SelectionKey key) {
    if (!key.isValid() || c.closed) {
      return;
    }
    try {
      if (key.isConnectable()) {
        c.channel.finishConnect();
        c.channel.write(ByteBuffer.wrap(MqttPackets.connect(c.device.clientId(), c.device.username(),
            c.device.password(), true, KEEP_ALIVE_S)));
        key.interestOps(SelectionKey.OP_READ);
        return;
      }
      if (key.isReadable()) {
        if (c.channel.read(c.in) < 0) {
          throw new IOException("closed by the server");
        }
        c.in.flip();
        MqttPackets.drain(c.in, (type, flags, body) -> received(c, type, body));
      }
    } catch (IOException e) {
      if (c.up) {
        dropped(c);
      } else {
        fail(c, "connection closed before its CONNACK: " + e.getMessage());
      }
    }
  }

  private void received(Connection c, int type, ByteBuffer body) {
    if (type == MqttPackets.CONNACK && !c.up) {
      if (body.get(1) == SERVER_UNAVAILABLE && c.refusals++ < RETRIES) {
        retried++;
        closeChannel(c);
        c.retryAtNs = System.nanoTime() + RETRY_AFTER_MS * 1_000_000;
        return;
      }
      if (body.get(1) != 0) {
        fail(c, "CONNACK refused with return code " + body.get(1) + (c.refusals > 0 ? " after " + c.refusals
            + " refusals" : ""));
        return;
      }
      c.up = true;
      // the first pings spread over one period, as devices that came online at different times
      c.nextPingNs = System.nanoTime() + (long) (random.nextDouble() * PING_EVERY_MS * 1_000_000);
    } else if (type == MqttPackets.PUBACK) {
      int id = (body.get(0) & 0xFF) << 8 | body.get(1) & 0xFF;
      if (id == c.nextId && c.unackedSinceNs != 0) {
        c.unackedSinceNs = 0;
        acked++;
      }
    }
  }

  private void fail(Connection c, String why) {
    failed++;
    if (!stoppedByAnything()) {
      stoppedBy = why;
    }
    close(c);
  }

  private void dropped(Connection c) {
    dropped++;
    close(c);
  }

  private void close(Connection c) {
    c.closed = true;
    c.up = false;
    closeChannel(c);
  }

  private static void closeChannel(Connection c) {
    if (c.key != null) {
      c.key.cancel();
    }
    if (c.channel != null) {
      try {
        c.channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
    c.key = null;
    c.channel = null;
  }

  private Status status(long now) {
    int up = 0;
    int pending = 0;
    int late = 0;
    for (int i = 0; i < opened; i++) {
      Connection c = connections.get(i);
      if (c.up) {
        up++;
        late += c.unackedSinceNs != 0 && now - c.unackedSinceNs > LATE_MS * 1_000_000 ? 1 : 0;
      } else if (!c.closed) {
        pending++;
      }
    }
    return new Status(up, pending, late, dropped, failed, retried, acked, stoppedBy.replace('\n', ' '));
  }
}
