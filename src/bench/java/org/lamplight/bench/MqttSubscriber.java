package org.lamplight.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One MQTT 3.1.1 subscriber draining a topic filter on its own thread: counts what arrives and
 * records each ping's latency from the send time inside it (µs). At QoS 1 it acknowledges every
 * delivery, once per read.
 */
final class MqttSubscriber implements AutoCloseable {

  private final SocketChannel channel;
  private final Thread reader;
  private final Recorder latencyUs = new Recorder(3);
  private final ByteBuffer acks = ByteBuffer.allocate(256 * 1024);
  private volatile long received;
  private volatile boolean closing;

  MqttSubscriber(InetSocketAddress server, String clientId, String filter, int qos) throws IOException {
    channel = SocketChannel.open(server);
    channel.socket().setTcpNoDelay(true);
    channel.write(ByteBuffer.wrap(MqttPackets.connect(clientId, null, null, true, 300)));
    ByteBuffer in = ByteBuffer.allocate(1 << 20);
    expect(in, MqttPackets.CONNACK);
    channel.write(ByteBuffer.wrap(MqttPackets.subscribe(1, filter, qos)));
    expect(in, MqttPackets.SUBACK);
    reader = new Thread(() -> read(in), "mqtt-subscriber");
    reader.setDaemon(true);
    reader.start();
  }

  long received() {
    return received;
  }

  /** Latencies recorded since the previous call. */
  Histogram latencySinceLastCall() {
    return latencyUs.getIntervalHistogram();
  }

  private void expect(ByteBuffer in, int type) throws IOException {
    int[] got = {-1};
    while (got[0] < 0) {
      if (channel.read(in) < 0) {
        throw new IOException("the broker closed the connection");
      }
      in.flip();
      MqttPackets.drain(in, (t, flags, body) -> got[0] = t);
    }
    if (got[0] != type) {
      throw new IOException("expected MQTT packet type " + type + ", got " + got[0]);
    }
  }

  private void read(ByteBuffer in) {
    try {
      while (!closing && channel.read(in) >= 0) {
        in.flip();
        long now = System.nanoTime();
        MqttPackets.drain(in, (type, flags, body) -> {
          if (type == MqttPackets.PUBLISH) {
            delivered(flags, body, now);
          }
        });
        acks.flip();
        while (acks.hasRemaining()) {
          channel.write(acks);
        }
        acks.clear();
      }
    } catch (IOException e) {
      if (!closing) {
        System.err.println("subscriber lost its connection: " + e.getMessage());
      }
    }
  }

  private void delivered(int flags, ByteBuffer body, long nowNs) {
    int qos = flags >> 1 & 3;
    int topicLength = (body.get(0) & 0xFF) << 8 | body.get(1) & 0xFF;
    int payloadAt = 2 + topicLength + (qos > 0 ? 2 : 0);
    if (qos > 0) {
      MqttPackets.puback(acks, (body.get(2 + topicLength) & 0xFF) << 8 | body.get(3 + topicLength) & 0xFF);
    }
    long latency = Ping.latencyNs(body.position(payloadAt), nowNs);
    if (latency >= 0) {
      latencyUs.recordValue(latency / 1000);
    }
    received++;
  }

  @Override
  public void close() throws IOException {
    closing = true;
    channel.close();
  }
}
