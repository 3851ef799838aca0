package org.lamplight.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The handful of MQTT 3.1.1 packets the load tools exchange, encoded by hand: the load
 * generator must spend its CPU on sending, not on a client library.
 */
final class MqttPackets {

  static final int CONNACK = 2;
  static final int PUBLISH = 3;
  static final int PUBACK = 4;
  static final int SUBACK = 9;
  static final int PINGRESP = 13;

  /** Receives one complete packet: its type, the flag bits of its first byte, and its body. */
  interface Handler {
    void packet(int type, int flags, ByteBuffer body);
  }

  private MqttPackets() {
  }

  static byte[] connect(String clientId, String username, String password, boolean cleanSession, int keepAliveS) {
    byte[] id = utf8(clientId);
    byte[] user = username == null ? null : utf8(username);
    byte[] pass = password == null ? null : utf8(password);
    int length = 10 + 2 + id.length + (user == null ? 0 : 2 + user.length) + (pass == null ? 0 : 2 + pass.length);
    ByteBuffer b = ByteBuffer.allocate(5 + length);
    b.put((byte) 0x10);
    remainingLength(b, length);
    b.putShort((short) 4).put(utf8("MQTT")).put((byte) 4);
    int flags = (cleanSession ? 0x02 : 0) | (user == null ? 0 : 0x80) | (pass == null ? 0 : 0x40);
    b.put((byte) flags).putShort((short) keepAliveS);
    b.putShort((short) id.length).put(id);
    if (user != null) {
      b.putShort((short) user.length).put(user);
    }
    if (pass != null) {
      b.putShort((short) pass.length).put(pass);
    }
    return bytes(b);
  }

  static byte[] subscribe(int packetId, String filter, int qos) {
    byte[] f = utf8(filter);
    int length = 2 + 2 + f.length + 1;
    ByteBuffer b = ByteBuffer.allocate(5 + length);
    b.put((byte) 0x82);
    remainingLength(b, length);
    b.putShort((short) packetId).putShort((short) f.length).put(f).put((byte) qos);
    return bytes(b);
  }

  static void puback(ByteBuffer out, int packetId) {
    out.put((byte) 0x40).put((byte) 2).putShort((short) packetId);
  }

  static byte[] disconnect() {
    return new byte[] {(byte) 0xE0, 0};
  }

  /**
   * A whole PUBLISH packet around {@code payload}; at QoS 1 the packet id sits at
   * {@link #packetIdOffset} and is filled in per send.
   */
  static byte[] publish(String topic, int qos, byte[] payload) {
    byte[] t = utf8(topic);
    int length = 2 + t.length + (qos > 0 ? 2 : 0) + payload.length;
    ByteBuffer b = ByteBuffer.allocate(5 + length);
    b.put((byte) (0x30 | qos << 1));
    remainingLength(b, length);
    b.putShort((short) t.length).put(t);
    if (qos > 0) {
      b.putShort((short) 0);
    }
    b.put(payload);
    return bytes(b);
  }

  /** Where the packet id of a QoS 1 PUBLISH made by {@link #publish} starts. */
  static int packetIdOffset(byte[] packet) {
    int i = 1;
    while ((packet[i] & 0x80) != 0) {
      i++;
    }
    int topicLength = (packet[i + 1] & 0xFF) << 8 | packet[i + 2] & 0xFF;
    return i + 3 + topicLength;
  }

  /** Hands every complete packet in {@code in} (in read mode) to {@code handler}, then compacts it for writing. */
  static void drain(ByteBuffer in, Handler handler) {
    while (true) {
      int start = in.position();
      if (in.remaining() < 2) {
        break;
      }
      int first = in.get() & 0xFF;
      int length = 0;
      int shift = 0;
      boolean complete = false;
      while (in.hasRemaining() && shift <= 21) {
        int digit = in.get() & 0xFF;
        length |= (digit & 0x7F) << shift;
        shift += 7;
        if ((digit & 0x80) == 0) {
          complete = true;
          break;
        }
      }
      if (!complete && shift > 21) {
        throw new IllegalStateException("malformed remaining length");
      }
      if (!complete || in.remaining() < length) {
        in.position(start);
        break;
      }
      ByteBuffer body = in.slice(in.position(), length);
      in.position(in.position() + length);
      handler.packet(first >> 4, first & 0x0F, body);
    }
    in.compact();
  }

  static void remainingLength(ByteBuffer b, int length) {
    do {
      int digit = length % 128;
      length /= 128;
      b.put((byte) (length > 0 ? digit | 0x80 : digit));
    } while (length > 0);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    return out;
  }
}
