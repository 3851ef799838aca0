package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.RejectReason;

class DeviceEventDecoderTest {

  private final DeviceEventDecoder decoder = new DeviceEventDecoder(4096);

  private JsonObject decode(String payload) {
    return decoder.decode(Buffer.buffer(payload));
  }

  @Test
  void aReplyComesBackInNormalForm() {
    assertThat(decode("{\"orderId\":\"ord-1\",\"action\":\"accept\",\"extra\":1}"))
        .isEqualTo(new JsonObject().put("orderId", "ord-1").put("action", "accept"));
  }

  @Test
  void aDeclineKeepsItsReason() {
    assertThat(decode("{\"orderId\":\"ord-1\",\"action\":\"decline\",\"reason\":\"vehicle broken down\"}"))
        .isEqualTo(new JsonObject().put("orderId", "ord-1").put("action", "decline").put("reason", "vehicle broken down"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"accept", "decline", "enroute", "onscene", "clear"})
  void everyDocumentedActionIsAccepted(String action) {
    assertThat(decode("{\"orderId\":\"o\",\"action\":\"" + action + "\"}").getString("action")).isEqualTo(action);
  }

  @Test
  void aControlCharacterAnywhereIsAnInvalidValue() {
    assertRejected(() -> decode("{\"orderId\":\"o\",\"action\":\"accept\",\"reason\":\"a\\u0000b\"}"),
        RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"orderId\":\"o\\u0001\",\"action\":\"accept\"}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":30,\"lon\":110,"
        + "\"description\":\"smoke\\u001b[2J\"}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"clientId\":\"c\\n1\"}"),
        RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"x\\u0000\":1}"), RejectReason.INVALID_VALUE);
  }

  @Test
  void freeTextKeepsItsLineBreaksAndTabs() {
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"other\",\"note\":\"east lane\\n\\tno. 4\"}").getString("note"))
        .isEqualTo("east lane\n\tno. 4");
    assertThat(decode("{\"orderId\":\"o\",\"action\":\"decline\",\"reason\":\"flat tyre\\r\\n\"}").getString("reason"))
        .isEqualTo("flat tyre\r\n");
  }

  @Test
  void anUnknownActionIsAnInvalidValue() {
    assertRejected(() -> decode("{\"orderId\":\"o\",\"action\":\"ACCEPT\"}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"orderId\":\"o\",\"action\":\"maybe\"}"), RejectReason.INVALID_VALUE);
  }

  @Test
  void aReplyNeedsItsOrderAndAction() {
    assertRejected(() -> decode("{\"action\":\"accept\"}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"orderId\":\"o\"}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"orderId\":7,\"action\":\"accept\"}"), RejectReason.WRONG_TYPE);
  }

  @Test
  void aReportComesBackInNormalForm() {
    assertThat(decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":2.0,\"lat\":33.8,\"lon\":114.5,"
        + "\"description\":\"smoke\"}"))
        .isEqualTo(new JsonObject().put("type", "report").put("incident", "fire").put("severity", 2).put("lat", 33.8)
            .put("lon", 114.5).put("description", "smoke"));
  }

  @Test
  void aReportWithoutDescriptionGetsAnEmptyOne() {
    assertThat(decode("{\"type\":\"report\",\"incident\":\"traffic\",\"severity\":1,\"lat\":33.8,\"lon\":114.5}")
        .getString("description")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "4", "2.5", "-1"})
  void severityIsOneTwoOrThree(String severity) {
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":" + severity
        + ",\"lat\":33.8,\"lon\":114.5}"), RejectReason.INVALID_VALUE);
  }

  @Test
  void aReportOffTheMapIsRefused() {
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":91,\"lon\":114.5}"),
        RejectReason.LAT_OUT_OF_RANGE);
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":33,\"lon\":-181}"),
        RejectReason.LON_OUT_OF_RANGE);
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":NaN,\"lon\":1}"),
        RejectReason.NOT_A_NUMBER);
  }

  @Test
  void anUnknownIncidentTypeIsAnInvalidValue() {
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"flood!\",\"severity\":1,\"lat\":33,\"lon\":114}"),
        RejectReason.INVALID_VALUE);
  }

  @Test
  void longTextIsCutToAThousandCharacters() {
    String reason = "r".repeat(1500);
    assertThat(decode("{\"orderId\":\"o\",\"action\":\"decline\",\"reason\":\"" + reason + "\"}").getString("reason"))
        .hasSize(1000);
    assertThat(decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":33,\"lon\":114,\"description\":\""
        + reason + "\"}").getString("description")).hasSize(1000);
  }

  @Test
  void aLedgerEntryComesBackInNormalFormWithItsDefaults() {
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"household_visit\",\"lat\":34.005,\"lon\":113.005,"
        + "\"count\":3.0,\"clientId\":\"c-1\",\"photoId\":\"IMG_1\",\"ts\":1700000000}"))
        .isEqualTo(new JsonObject().put("type", "ledger").put("kind", "household_visit").put("lat", 34.005)
            .put("lon", 113.005).put("count", 3).put("note", "").put("clientId", "c-1").put("photoId", "IMG_1")
            .put("ts", 1_700_000_000_000L));
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"fire_hazard\",\"village\":\"V1\"}"))
        .isEqualTo(new JsonObject().put("type", "ledger").put("kind", "fire_hazard").put("village", "V1")
            .put("count", 1).put("note", ""));
  }

  @Test
  void aLedgerEntrysOptionalFieldsMayBeNull() {
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"household_visit\",\"village\":\"V1\",\"ts\":null,"
        + "\"count\":null,\"note\":null,\"clientId\":null,\"photoId\":null}"))
        .isEqualTo(new JsonObject().put("type", "ledger").put("kind", "household_visit").put("village", "V1")
            .put("count", 1).put("note", ""));
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"village\":\"V1\",\"ts\":\"yesterday\"}"),
        RejectReason.WRONG_TYPE);
  }

  @Test
  void aLedgerEntryWithAnUnknownKindOrABadCountIsAnInvalidValue() {
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"patrol\"}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\"}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"count\":0}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"count\":1.5}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"clientId\":\"\"}"),
        RejectReason.INVALID_VALUE);
  }

  @Test
  void aLedgerEntryNeedsBothCoordinatesOrNeither() {
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"lat\":34}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"other\",\"lat\":95,\"lon\":113}"),
        RejectReason.LAT_OUT_OF_RANGE);
  }

  @Test
  void notJsonIsMalformed() {
    assertRejected(() -> decode("accept ord-1"), RejectReason.MALFORMED_JSON);
    assertRejected(() -> decode("[\"accept\"]"), RejectReason.MALFORMED_JSON);
  }

  @Test
  void aReportKeepsItsClientIdAndPhotoWhenWellFormed() {
    JsonObject report = decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":33.8,\"lon\":114.5,"
        + "\"clientId\":\"c-17\",\"photoId\":\"ph-1\"}");
    assertThat(report.getString("clientId")).isEqualTo("c-17");
    assertThat(report.getString("photoId")).isEqualTo("ph-1");
    assertRejected(() -> decode("{\"type\":\"report\",\"incident\":\"fire\",\"severity\":1,\"lat\":33.8,\"lon\":114.5,"
        + "\"clientId\":\"two words\"}"), RejectReason.INVALID_VALUE);
  }

  @Test
  void aLedgerEntryComesBackInNormalForm() {
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"household_visit\",\"village\":\"V001\",\"lat\":33.8,"
        + "\"lon\":114.5,\"note\":\"王家\",\"count\":3,\"clientId\":\"l-1\",\"photoId\":\"ph-2\",\"extra\":1}"))
        .isEqualTo(new JsonObject().put("type", "ledger").put("kind", "household_visit").put("village", "V001")
            .put("lat", 33.8).put("lon", 114.5).put("note", "王家").put("count", 3).put("clientId", "l-1")
            .put("photoId", "ph-2"));
    assertThat(decode("{\"type\":\"ledger\",\"kind\":\"safety_talk\"}"))
        .isEqualTo(new JsonObject().put("type", "ledger").put("kind", "safety_talk").put("note", "").put("count", 1));
  }

  @Test
  void aLedgerEntryNeedsAKnownKindAWholeCountAndBothCoordinatesOrNone() {
    assertRejected(() -> decode("{\"type\":\"ledger\"}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"picnic\"}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"fire_hazard\",\"count\":0}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"fire_hazard\",\"count\":1.5}"), RejectReason.INVALID_VALUE);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"fire_hazard\",\"lat\":33.8}"), RejectReason.MISSING_FIELD);
    assertRejected(() -> decode("{\"type\":\"ledger\",\"kind\":\"fire_hazard\",\"lat\":95,\"lon\":1}"),
        RejectReason.LAT_OUT_OF_RANGE);
  }
}
