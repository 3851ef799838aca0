package org.lamplight.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One device's position PUBLISH, built once (about 150 bytes of native-format JSON, with two
 * fields a phone might add and the server ignores) and stamped
 * in place before each send: {@code ts} with the wall clock for the server, and {@code sent}
 * with this JVM's nano clock so that a subscriber in the same JVM can measure latency exactly.
 */
final class Ping {

  /** Added to the nano clock so that {@code sent} always has 16 digits and no leading zero (valid JSON). */
  private static final long SENT_BIAS = 1_000_000_000_000_000L;
  private static final long ORIGIN_NS = System.nanoTime();
  private static final byte[] SENT_KEY = "\"sent\":".getBytes(StandardCharsets.US_ASCII);

  final byte[] packet;
  final int payloadBytes;
  private final int tsAt;
  private final int sentAt;
  private final int packetIdAt;

  Ping(String topic, int qos, double lat, double lon) {
    String json = String.format(Locale.ROOT,
        "{\"lat\":%.6f,\"lon\":%.6f,\"ts\":%d,\"acc\":4.5,\"spd\":3.2,\"hdg\":181,\"alt\":52.0,\"batt\":77,"
            + "\"sat\":11,\"net\":\"lte\",\"sent\":%d}",
        lat, lon, 1_000_000_000_000L, SENT_BIAS);
    packet = MqttPackets.publish(topic, qos, json.getBytes(StandardCharsets.US_ASCII));
    payloadBytes = json.length();
    int payloadAt = packet.length - json.length();
    tsAt = payloadAt + json.indexOf("\"ts\":") + 5;
    sentAt = payloadAt + json.indexOf("\"sent\":") + 7;
    packetIdAt = qos > 0 ? MqttPackets.packetIdOffset(packet) : -1;
  }

  /** Writes the fix time (epoch ms, 13 digits), the send time and, at QoS 1, the packet id. */
  void stamp(long tsMs, long nowNs, int packetId) {
    digits(packet, tsAt, 13, tsMs);
    digits(packet, sentAt, 16, SENT_BIAS + nowNs - ORIGIN_NS);
    if (packetIdAt > 0) {
      packet[packetIdAt] = (byte) (packetId >> 8);
      packet[packetIdAt + 1] = (byte) packetId;
    }
  }

  /** Nanoseconds from the send of the ping in {@code payload} to {@code nowNs}, or -1 if it carries no send time. */
  static long latencyNs(ByteBuffer payload, long nowNs) {
    int limit = payload.limit();
    outer:
    for (int i = payload.position(); i + SENT_KEY.length + 16 <= limit; i++) {
      for (int k = 0; k < SENT_KEY.length; k++) {
        if (payload.get(i + k) != SENT_KEY[k]) {
          continue outer;
        }
      }
      long sent = 0;
      for (int d = 0; d < 16; d++) {
        sent = sent * 10 + (payload.get(i + SENT_KEY.length + d) - '0');
      }
      return nowNs - ORIGIN_NS - (sent - SENT_BIAS);
    }
    return -1;
  }

  private static void digits(byte[] into, int at, int width, long value) {
    for (int i = at + width - 1; i >= at; i--) {
      into[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
