package org.lamplight.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.mqtt.LamplightPositionDecoder;

class AppMessageDecoderTest {

  private final AppMessageDecoder decoder = new AppMessageDecoder(2048);

  private AppMessage decode(String text) {
    return decoder.decode(Buffer.buffer(text));
  }

  private RefusedAppMessage refused(String text) {
    return catchThrowableOfType(RefusedAppMessage.class, () -> decode(text));
  }

  @Test
  void aPublishCarriesItsTopicAndThePayloadAsAnMqttDeviceWouldSendIt() {
    AppMessage m = decode("{\"type\":\"publish\",\"id\":\"c-1\",\"topic\":\"lamplight/devices/d/position\","
        + "\"payload\":{\"lat\":33.8,\"lon\":114.5,\"ts\":1700000000000}}");
    assertThat(m).isInstanceOf(AppMessage.Publish.class);
    AppMessage.Publish p = (AppMessage.Publish) m;
    assertThat(p.id()).isEqualTo("c-1");
    assertThat(p.topic()).isEqualTo("lamplight/devices/d/position");
    assertThat(new JsonObject(p.payload())).isEqualTo(new JsonObject().put("lat", 33.8).put("lon", 114.5)
        .put("ts", 1700000000000L));
  }

  @Test
  void thePayloadIsHandedOnAsSentSoThatNaNIsNotANumberAsOverMqtt() {
    String payload = "{ \"lat\": NaN, \"lon\": 114.5, \"ts\": 1700000000000, \"nested\": {\"payload\": {}} }";
    AppMessage.Publish p = (AppMessage.Publish) decode("{\"type\":\"publish\",\"id\":\"c-2\",\"extra\":{\"payload\":1},"
        + "\"topic\":\"lamplight/devices/d/position\",\"payload\":" + payload + "}");
    assertThat(p.payload().toString()).isEqualTo(payload);
    RejectedFixException e = catchThrowableOfType(RejectedFixException.class,
        () -> new LamplightPositionDecoder(4096).decode("d", p.payload()));
    assertThat(e.reason()).isEqualTo(RejectReason.NOT_A_NUMBER);
  }

  @Test
  void aReceiptNamesTheDeliveryAndAPingOnlyItsId() {
    assertThat(decode("{\"type\":\"received\",\"id\":\"r-1\",\"deliveryId\":\"ord-1:offer:3\"}"))
        .isEqualTo(new AppMessage.Received("r-1", "ord-1:offer:3"));
    assertThat(decode("{\"type\":\"ping\",\"id\":\"p-1\"}")).isEqualTo(new AppMessage.Ping("p-1"));
  }

  @Test
  void aRefusalKeepsTheIdToAcknowledgeItUnder() {
    RefusedAppMessage unknown = refused("{\"type\":\"shout\",\"id\":\"c-2\"}");
    assertThat(unknown.id()).isEqualTo("c-2");
    assertThat(unknown.reason()).isEqualTo(RejectReason.UNSUPPORTED_MESSAGE);
    RefusedAppMessage noPayload = refused("{\"type\":\"publish\",\"id\":\"c-3\",\"topic\":\"t\"}");
    assertThat(noPayload.id()).isEqualTo("c-3");
    assertThat(noPayload.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    RefusedAppMessage textPayload = refused("{\"type\":\"publish\",\"id\":\"c-4\",\"topic\":\"t\",\"payload\":\"{}\"}");
    assertThat(textPayload.reason()).isEqualTo(RejectReason.WRONG_TYPE);
    RefusedAppMessage noDelivery = refused("{\"type\":\"received\",\"id\":\"c-5\",\"deliveryId\":\"\"}");
    assertThat(noDelivery.reason()).isEqualTo(RejectReason.INVALID_VALUE);
  }

  @Test
  void withoutAWellFormedIdTheRefusalHasNone() {
    RefusedAppMessage missing = refused("{\"type\":\"ping\"}");
    assertThat(missing.id()).isNull();
    assertThat(missing.reason()).isEqualTo(RejectReason.MISSING_FIELD);
    RefusedAppMessage odd = refused("{\"type\":\"ping\",\"id\":\"two words\"}");
    assertThat(odd.id()).isNull();
    assertThat(odd.reason()).isEqualTo(RejectReason.INVALID_VALUE);
    assertThat(refused("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}").id()).isNull();
  }

  @Test
  void whatIsNotOneJsonObjectWithinTheLimitIsRefusedUnread() {
    assertThat(refused("[1,2]").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(refused("{\"id\":\"a\",\"id\":\"b\",\"type\":\"ping\"}").reason()).isEqualTo(RejectReason.MALFORMED_JSON);
    RefusedAppMessage big = refused("{\"type\":\"ping\",\"id\":\"p\",\"pad\":\"" + "x".repeat(3000) + "\"}");
    assertThat(big.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
    assertThat(big.id()).isNull();
  }
}
