package org.lamplight.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.gateway.mqtt.DeviceTopic.Kind;
import org.lamplight.gateway.mqtt.InvalidTopicException.Reason;

class DeviceTopicTest {

  @Nested
  class Parse {

    @ParameterizedTest
    @CsvSource({
        "lamplight/devices/dev-aux-0001/position, POSITION",
        "lamplight/devices/dev-aux-0001/status, STATUS",
        "lamplight/devices/dev-aux-0001/events, EVENTS",
        "lamplight/devices/dev-aux-0001/orders, ORDERS"
    })
    void lamplightTopics(String name, Kind kind) {
      assertThat(DeviceTopic.parse(name))
          .isEqualTo(new DeviceTopic(kind, "dev-aux-0001", null, null));
    }

    @Test
    void ownTracksLocationTopic() {
      assertThat(DeviceTopic.parse("owntracks/dev-off-01/phone"))
          .isEqualTo(new DeviceTopic(Kind.OWNTRACKS_LOCATION, "dev-off-01", "phone", null));
    }

    @Test
    void ownTracksDeviceLevelIsFreeForm() {
      // The app defaults {device} to the phone's name, which may hold spaces and punctuation.
      assertThat(DeviceTopic.parse("owntracks/dev-off-01/Jane's Pixel 7").owntracksDevice())
          .isEqualTo("Jane's Pixel 7");
    }

    @Test
    void ownTracksCommandTopic() {
      assertThat(DeviceTopic.parse("owntracks/dev-off-01/phone/cmd"))
          .isEqualTo(new DeviceTopic(Kind.OWNTRACKS_CMD, "dev-off-01", "phone", "cmd"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event", "status", "info", "waypoint", "waypoints", "dump", "step",
        "beacon"})
    void otherOwnTracksTopics(String suffix) {
      assertThat(DeviceTopic.parse("owntracks/dev-off-01/phone/" + suffix))
          .isEqualTo(new DeviceTopic(Kind.OWNTRACKS_OTHER, "dev-off-01", "phone", suffix));
    }

    @Test
    void acceptsTheLongestAllowedTopic() {
      String name = "owntracks/dev-1/" + "p".repeat(DeviceTopic.MAX_LENGTH - 16);
      assertThat(name).hasSize(DeviceTopic.MAX_LENGTH);
      assertThat(DeviceTopic.parse(name).kind()).isEqualTo(Kind.OWNTRACKS_LOCATION);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "lamplight/devices/+/position|WILDCARD",
        "lamplight/devices/#|WILDCARD",
        "owntracks/+/+|WILDCARD",
        "lamplight/devices/a+b/position|WILDCARD",
        "''|EMPTY_LEVEL",
        "/lamplight/devices/d/position|EMPTY_LEVEL",
        "lamplight/devices/d/position/|EMPTY_LEVEL",
        "lamplight/devices//position|EMPTY_LEVEL",
        "owntracks/d//cmd|EMPTY_LEVEL",
        "lamplight/devices/d/position/extra|TOO_MANY_LEVELS",
        "owntracks/d/phone/event/more|TOO_MANY_LEVELS",
        "lamplight/devices/d|TOO_FEW_LEVELS",
        "owntracks/d|TOO_FEW_LEVELS",
        "lamplight|UNKNOWN_PREFIX",
        "lamplight/device/d/position|UNKNOWN_PREFIX",
        "Lamplight/devices/d/position|UNKNOWN_PREFIX",
        "OwnTracks/d/phone|UNKNOWN_PREFIX",
        "$SYS/broker/load|UNKNOWN_PREFIX",
        "devices/d/position|UNKNOWN_PREFIX",
        "lamplight/devices/d/positions|UNKNOWN_SUFFIX",
        "lamplight/devices/d/Position|UNKNOWN_SUFFIX",
        "owntracks/d/phone/cmds|UNKNOWN_SUFFIX",
        "owntracks/d/phone/msg|UNKNOWN_SUFFIX",
        "lamplight/devices/dev 1/position|INVALID_DEVICE_ID",
        "lamplight/devices/dév/position|INVALID_DEVICE_ID",
        "owntracks/jane doe/phone|INVALID_DEVICE_ID"
    })
    void rejectsInvalidTopics(String name, Reason reason) {
      assertInvalid(name, reason);
    }

    @Test
    void rejectsTooLongTopicsAndOverlongIds() {
      assertInvalid("owntracks/dev-1/" + "p".repeat(DeviceTopic.MAX_LENGTH - 15), Reason.TOO_LONG);
      assertInvalid("lamplight/devices/" + "d".repeat(65) + "/position", Reason.INVALID_DEVICE_ID);
    }

    @Test
    void rejectsNulCharacters() {
      assertInvalid("lamplight/devices/d\u0000/position", Reason.ILLEGAL_CHARACTER);
    }

    @Test
    void messageShowsAShortenedTopic() {
      InvalidTopicException e = catchThrowableOfType(InvalidTopicException.class,
          () -> DeviceTopic.parse("x/" + "y".repeat(300)));
      assertThat(e.getMessage()).startsWith("TOO_LONG: x/yyy").endsWith("...").hasSizeLessThan(100);
      assertThat(e.getStackTrace()).isEmpty();
    }

    private void assertInvalid(String name, Reason reason) {
      InvalidTopicException e =
          catchThrowableOfType(InvalidTopicException.class, () -> DeviceTopic.parse(name));
      assertThat(e).as("parse(%s)", name).isNotNull();
      assertThat(e.reason()).isEqualTo(reason);
    }
  }

  @Nested
  class Ownership {

    @Test
    void topicBelongsToItsDevice() {
      DeviceTopic topic = DeviceTopic.parse("owntracks/dev-1/phone");

      assertThat(topic.isOwnedBy("dev-1")).isTrue();
      assertThat(topic.isOwnedBy("dev-2")).isFalse();
      assertThat(topic.isOwnedBy(null)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"ORDERS", "OWNTRACKS_CMD"})
    void devicesMayNotPublishServerTopics(Kind kind) {
      assertThat(kind.deviceMayPublish()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"ORDERS", "OWNTRACKS_CMD"},
        mode = EnumSource.Mode.EXCLUDE)
    void devicesMayPublishTheirOwnTopics(Kind kind) {
      assertThat(kind.deviceMayPublish()).isTrue();
    }
  }

  @Nested
  class Subscriptions {

    @ParameterizedTest
    @ValueSource(strings = {"lamplight/devices/dev-1/orders", "owntracks/dev-1/+/cmd",
        "owntracks/dev-1/phone/cmd", "owntracks/dev-1/Jane's phone/cmd"})
    void allowsTheDevicesOwnInbox(String filter) {
      assertThat(DeviceTopic.isSubscriptionAllowed("dev-1", filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#", "+", "lamplight/#", "lamplight/devices/#", "lamplight/devices/+/orders",
        "lamplight/devices/dev-2/orders", "lamplight/devices/dev-1/#",
        "lamplight/devices/dev-1/position", "lamplight/devices/dev-1/+",
        "lamplight/devices/dev-10/orders", "owntracks/#", "owntracks/+/+", "owntracks/+/+/cmd",
        "owntracks/dev-2/+/cmd", "owntracks/dev-1/#", "owntracks/dev-1/+", "owntracks/dev-1/cmd",
        "owntracks/dev-1//cmd", "owntracks/dev-1/a/b/cmd", "owntracks/dev-1/#/cmd",
        "owntracks/dev-1/+/event", "owntracks/+/+/event", "owntracks/dev-1/phone",
        "$share/g/lamplight/devices/dev-1/orders", ""
    })
    void deniesEverythingElse(String filter) {
      assertThat(DeviceTopic.isSubscriptionAllowed("dev-1", filter)).isFalse();
    }

    @Test
    void deniesOverlongFiltersNullsAndBadIds() {
      String longDevice = "p".repeat(DeviceTopic.MAX_LENGTH);
      String longFilter = "owntracks/dev-1/" + longDevice + "/cmd";
      assertThat(DeviceTopic.isSubscriptionAllowed("dev-1", longFilter)).isFalse();
      assertThat(DeviceTopic.isSubscriptionAllowed("dev-1", null)).isFalse();
      assertThat(DeviceTopic.isSubscriptionAllowed(null, "lamplight/devices/null/orders"))
          .isFalse();
      assertThat(DeviceTopic.isSubscriptionAllowed("#", "lamplight/devices/#/orders")).isFalse();
    }
  }

  @Nested
  class Builders {

    @Test
    void buildsTopicsThatParseBack() {
      String orders = DeviceTopic.ordersTopic("dev-aux-0001");
      String cmd = DeviceTopic.ownTracksCmdTopic("dev-off-01", "phone");

      assertThat(orders).isEqualTo("lamplight/devices/dev-aux-0001/orders");
      assertThat(cmd).isEqualTo("owntracks/dev-off-01/phone/cmd");
      assertThat(DeviceTopic.parse(orders).kind()).isEqualTo(Kind.ORDERS);
      assertThat(DeviceTopic.parse(cmd).kind()).isEqualTo(Kind.OWNTRACKS_CMD);
    }

    @Test
    void refusesToBuildInvalidTopics() {
      assertThatIllegalArgumentException().isThrownBy(() -> DeviceTopic.ordersTopic("a/b"));
      assertThatIllegalArgumentException().isThrownBy(() -> DeviceTopic.ordersTopic(null));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> DeviceTopic.ownTracksCmdTopic("#", "p"));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> DeviceTopic.ownTracksCmdTopic("d", "+"));
      assertThatIllegalArgumentException().isThrownBy(() -> DeviceTopic.ownTracksCmdTopic("d", ""));
      assertThatIllegalArgumentException()
          .isThrownBy(() -> DeviceTopic.ownTracksCmdTopic("d", "a/b"));
    }
  }
}
