package org.lamplight.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttSubAckReasonCode;
import io.vertx.mqtt.messages.codes.MqttUnsubAckReasonCode;
import org.lamplight.auth.DeviceAuthenticator;
import org.lamplight.domain.tracking.RejectReason;

/**
 * The one place where refusals become MQTT reason codes, per protocol version. MQTT 3.1.1 has
 * few codes (and none on PUBACK); MQTT 5 gets the precise code plus a reason string.
 */
final class ReasonCodes {

  static final int MQTT_5 = 5;

  private ReasonCodes() {
  }

  static MqttConnectReturnCode connack(DeviceAuthenticator.Result result, int protocolVersion) {
    boolean v5 = protocolVersion == MQTT_5;
    return switch (result) {
      case OK -> MqttConnectReturnCode.CONNECTION_ACCEPTED;
      case BAD_SECRET -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
          : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
      case UNKNOWN_DEVICE, NO_SECRET_ISSUED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
          : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
    };
  }

  /** The server could not check credentials (database down): tell the device to come back later. */
  static MqttConnectReturnCode connackUnavailable(int protocolVersion) {
    return protocolVersion == MQTT_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
  }

  /** The device or its address failed too often and waits out its back-off: MQTT 5 says so (0x97). */
  static MqttConnectReturnCode connackThrottled(int protocolVersion) {
    return protocolVersion == MQTT_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
        : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
  }

  /** A connection limit of the listener is reached: MQTT 5 says so (0x97), 3.1.1 can only say unavailable. */
  static MqttConnectReturnCode connackOverLimit(int protocolVersion) {
    return protocolVersion == MQTT_5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
  }

  /** Granted when {@code refused} is null; a full subscription set or a device over its rate is a quota exceeded (0x97). */
  static MqttSubAckReasonCode suback(RejectReason refused, MqttQoS requested) {
    if (refused == RejectReason.TOO_MANY_SUBSCRIPTIONS || refused == RejectReason.RATE_LIMITED) {
      return MqttSubAckReasonCode.QUOTA_EXCEEDED;
    }
    if (refused != null) {
      return MqttSubAckReasonCode.NOT_AUTHORIZED;
    }
    // Orders are delivered at QoS 1 at most: QoS 2 buys nothing for idempotent orders.
    return requested == MqttQoS.AT_MOST_ONCE ? MqttSubAckReasonCode.GRANTED_QOS0 : MqttSubAckReasonCode.GRANTED_QOS1;
  }

  /** MQTT 3.1.1 SUBACK knows only granted QoS or failure (0x80). */
  static MqttQoS subackV3(RejectReason refused, MqttQoS requested) {
    if (refused != null) {
      return MqttQoS.FAILURE;
    }
    return requested == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
  }

  /**
   * MQTT 5 UNSUBACK: an UNSUBSCRIBE over the device's rate is valid but not accepted (0x83); MQTT
   * 3.1.1 cannot refuse one, so the gateway closes such a connection instead.
   */
  static MqttUnsubAckReasonCode unsuback(RejectReason refused) {
    return refused == null ? MqttUnsubAckReasonCode.SUCCESS : MqttUnsubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
  }

  static MqttPubAckReasonCode puback(RejectReason reason) {
    if (reason == null) {
      return MqttPubAckReasonCode.SUCCESS;
    }
    return switch (reason) {
      case TOPIC_NOT_ALLOWED, UNKNOWN_DEVICE, BAD_CREDENTIALS -> MqttPubAckReasonCode.NOT_AUTHORIZED;
      case MALFORMED_JSON, MALFORMED_REQUEST, MISSING_FIELD, WRONG_TYPE, NOT_A_NUMBER, PAYLOAD_TOO_LARGE, INVALID_VALUE ->
          MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID;
      case RATE_LIMITED -> MqttPubAckReasonCode.QUOTA_EXCEEDED;
      case UNSUPPORTED_MESSAGE -> MqttPubAckReasonCode.TOPIC_NAME_INVALID;
      // discarded by the checks: resending would not help, so it is acknowledged, the reason in the Reason String
      case LAT_OUT_OF_RANGE, LON_OUT_OF_RANGE, NO_FIX, TIMESTAMP_IN_FUTURE, TIMESTAMP_TOO_OLD, IMPLAUSIBLE_JUMP ->
          MqttPubAckReasonCode.SUCCESS;
      default -> MqttPubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }

  static MqttProperties reasonString(String reason) {
    MqttProperties props = new MqttProperties();
    if (reason != null) {
      props.add(new StringProperty(MqttPropertyType.REASON_STRING.value(), reason));
    }
    return props;
  }
}
