package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Many MQTT 3.1.1 devices on one selector thread, each sending native position pings as a real
 * device does: one PUBLISH per write, Nagle off. The offered rate is paced over all connections
 * round-robin. At QoS 1 every device keeps at most {@value #WINDOW} pings unacknowledged and the
 * PUBLISH → PUBACK round trip is recorded; a ping that finds the window full, or the socket's
 * backlog full, is held back (not sent) and counted, so "sent" never overstates what a server took.
 */
public final class LoadGenerator implements AutoCloseable {

  /** A device to play: it publishes to {@code lamplight/devices/{clientId}/position}. */
  public record Device(String clientId, String username, String password, double lat, double lon) {
  }

  /** Totals since the generator connected. */
  public record Counts(long offered, long sent, long acked, long heldBack) {
  }

  private record Schedule(int rate, int qos, long startNs) {
  }

  static final int WINDOW = 1024;
  private static final int KEEP_ALIVE_S = 300;
  private static final int BACKLOG_BYTES = 64 * 1024;

  private final Selector selector;
  private final Connection[] connections;
  private final Thread io;
  private final Recorder pubackLatencyUs = new Recorder(3);
  private final CountDownLatch answered;
  private volatile Schedule schedule;
  /** The schedule the I/O thread is sending by at the moment; {@link #stop} waits for it to let go. */
  private volatile Schedule sending;
  private volatile boolean closing;
  private volatile long offered;
  private volatile long sent;
  private volatile long acked;
  private volatile long heldBack;
  private volatile int refused;
  private long issued;
  private int next;

  private static final class Connection {
    final SocketChannel channel;
    final Device device;
    final Ping qos0;
    final Ping qos1;
    final ByteBuffer backlog = ByteBuffer.allocate(BACKLOG_BYTES);
    final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    final long[] sentAtNs = new long[WINDOW];
    SelectionKey key;
    boolean up;
    int nextId;
    int inFlight;
    long lastTsMs;

    Connection(SocketChannel channel, Device device) {
      this.channel = channel;
      this.device = device;
      String topic = "lamplight/devices/" + device.clientId() + "/position";
      this.qos0 = new Ping(topic, 0, device.lat(), device.lon());
      this.qos1 = new Ping(topic, 1, device.lat(), device.lon());
    }
  }

  /** Opens every connection and starts the I/O thread; {@link #awaitConnected} waits for the CONNACKs. */
  public LoadGenerator(InetSocketAddress server, List<Device> devices) throws IOException {
    selector = Selector.open();
    connections = new Connection[devices.size()];
    answered = new CountDownLatch(devices.size());
    for (int i = 0; i < connections.length; i++) {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.connect(server);
      connections[i] = new Connection(ch, devices.get(i));
      connections[i].key = ch.register(selector, SelectionKey.OP_CONNECT, connections[i]);
    }
    io = new Thread(this::loop, "load-generator");
    io.setDaemon(true);
    io.start();
  }

  public int connections() {
    return connections.length;
  }

  public List<Device> devices() {
    return Arrays.stream(connections).map(c -> c.device).toList();
  }

  /** Size of one ping's JSON payload in bytes. */
  public int payloadBytes() {
    return connections[0].qos0.payloadBytes;
  }

  public void awaitConnected(long timeoutMs) throws InterruptedException {
    if (!answered.await(timeoutMs, TimeUnit.MILLISECONDS) || refused > 0) {
      throw new IllegalStateException((connections.length - answered.getCount() - refused) + " of " + connections.length
          + " devices connected, " + refused + " refused");
    }
  }

  /** Starts offering {@code rate} pings a second at {@code qos}, from now. */
  public void start(int rate, int qos) {
    schedule = new Schedule(rate, qos, System.nanoTime());
  }

  /** Stops sending; returns once the I/O thread sends no more, so that {@link #counts} is final. */
  public void stop() {
    schedule = null;
    while (sending != null && io.isAlive()) {
      Thread.onSpinWait();
    }
  }

  /** Connections the server has not closed. */
  public int connectionsUp() {
    int up = 0;
    for (Connection c : connections) {
      up += c.up ? 1 : 0;
    }
    return up;
  }

  public Counts counts() {
    return new Counts(offered, sent, acked, heldBack);
  }

  /** PUBLISH → PUBACK round trips (µs) recorded since the previous call. */
  public Histogram pubackLatencySinceLastCall() {
    return pubackLatencyUs.getIntervalHistogram();
  }

  private void loop() {
    Schedule current = null;
    try {
      while (!closing) {
        Schedule s = schedule;
        sending = s;
        if (schedule != s) {
          continue; // stop() or start() came in between: either it sees `sending` or this sees the change
        }
        if (s != current) {
          current = s;
          issued = 0;
        }
        selector.select(s == null ? 50 : 1);
        for (SelectionKey key : selector.selectedKeys()) {
          try {
            handle(key);
          } catch (IOException e) {
            lost((Connection) key.attachment());
          }
        }
        selector.selectedKeys().clear();
        if (s != null) {
          long due = (System.nanoTime() - s.startNs()) * s.rate() / 1_000_000_000L;
          while (issued < due) {
            issued++;
            offered++;
            send(s.qos());
          }
        }
      }
    } catch (IOException e) {
      if (!closing) {
        throw new IllegalStateException("load generator selector failed", e);
      }
    }
  }

  /** A connection the server closed or reset: it sends nothing more, and its pings count as held back. */
  private void lost(Connection c) {
    c.up = false;
    c.key.cancel();
  }

  private void handle(SelectionKey key) throws IOException {
    Connection c = (Connection) key.attachment();
    if (!key.isValid()) {
      return;
    }
    if (key.isConnectable()) {
      try {
        c.channel.finishConnect();
      } catch (IOException e) {
        refusedOne(c);
        return;
      }
      ByteBuffer connect = ByteBuffer.wrap(MqttPackets.connect(c.device.clientId(), c.device.username(),
          c.device.password(), true, KEEP_ALIVE_S));
      c.channel.write(connect);
      c.backlog.put(connect);
      key.interestOps(c.backlog.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
      return;
    }
    if (key.isWritable()) {
      flushBacklog(c);
    }
    if (key.isReadable()) {
      if (c.channel.read(c.in) < 0) {
        lost(c);
        return;
      }
      c.in.flip();
      MqttPackets.drain(c.in, (type, flags, body) -> received(c, type, body));
    }
  }

  private void received(Connection c, int type, ByteBuffer body) {
    if (type == MqttPackets.CONNACK) {
      if (body.get(1) == 0) {
        c.up = true;
        answered.countDown();
      } else {
        refusedOne(c);
      }
    } else if (type == MqttPackets.PUBACK) {
      int id = (body.get(0) & 0xFF) << 8 | body.get(1) & 0xFF;
      if (id >= 1 && id <= WINDOW && c.sentAtNs[id - 1] != 0) {
        pubackLatencyUs.recordValue((System.nanoTime() - c.sentAtNs[id - 1]) / 1000);
        c.sentAtNs[id - 1] = 0;
        c.inFlight--;
        acked++;
      }
    }
  }

  private void refusedOne(Connection c) {
    refused++;
    answered.countDown();
    c.key.cancel();
  }

  private void send(int qos) {
    Connection c = connections[next];
    next = (next + 1) % connections.length;
    if (!c.up || (qos > 0 && c.inFlight >= WINDOW)) {
      heldBack++;
      return;
    }
    int id = 0;
    if (qos > 0) {
      // ids cycle through the window; an id is free again once its PUBACK came back
      do {
        c.nextId = c.nextId % WINDOW + 1;
      } while (c.sentAtNs[c.nextId - 1] != 0);
      id = c.nextId;
    }
    Ping ping = qos > 0 ? c.qos1 : c.qos0;
    long nowNs = System.nanoTime();
    c.lastTsMs = Math.max(System.currentTimeMillis(), c.lastTsMs + 1); // a repeated time would be a duplicate fix
    ping.stamp(c.lastTsMs, nowNs, id);
    if (c.backlog.position() > 0) {
      if (c.backlog.remaining() < ping.packet.length) {
        heldBack++;
        return;
      }
      c.backlog.put(ping.packet);
    } else {
      ByteBuffer packet = ByteBuffer.wrap(ping.packet);
      try {
        c.channel.write(packet);
      } catch (IOException e) {
        lost(c);
        heldBack++;
        return;
      }
      if (packet.hasRemaining()) {
        c.backlog.put(packet);
        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    }
    if (qos > 0) {
      c.sentAtNs[id - 1] = nowNs;
      c.inFlight++;
    }
    sent++;
  }

  private void flushBacklog(Connection c) throws IOException {
    c.backlog.flip();
    c.channel.write(c.backlog);
    c.backlog.compact();
    if (c.backlog.position() == 0) {
      c.key.interestOps(SelectionKey.OP_READ);
    }
  }

  /** Disconnects every device cleanly and stops the I/O thread. */
  @Override
  public void close() throws IOException, InterruptedException {
    schedule = null;
    closing = true;
    io.join(5000);
    for (Connection c : connections) {
      if (c.up) {
        try {
          c.channel.write(ByteBuffer.wrap(MqttPackets.disconnect())); // two bytes: they fit in the socket buffer
        } catch (IOException ignored) {
          // the server may have gone already
        }
      }
      c.channel.close();
    }
    selector.close();
  }
}
