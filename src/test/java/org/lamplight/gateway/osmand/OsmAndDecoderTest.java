package org.lamplight.gateway.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.lamplight.domain.tracking.RejectionAssert.assertRejected;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;

class OsmAndDecoderTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final double NONE = PositionFix.ABSENT;

  private final OsmAndDecoder decoder = new OsmAndDecoder();

  @Nested
  class RealRequests {

    @Test
    void traccarClientForAndroid() {
      // The server URL the user typed, with the client's parameters appended to it.
      OsmAndRequest request = decode("/?key=s3cr3t&id=dev-aux-0001&timestamp=1700000000"
          + "&lat=52.370216&lon=4.895168&speed=12.5&bearing=270.0&altitude=31.0&accuracy=4.0"
          + "&batt=76.0");

      assertThat(request.deviceId()).isEqualTo("dev-aux-0001");
      assertThat(request.key()).isEqualTo("s3cr3t");
      PositionFix fix = request.fix();
      assertThat(fix.speedMps()).isCloseTo(6.4306, within(1e-4));
      assertThat(fix).isEqualTo(new PositionFix("dev-aux-0001", 52.370216, 4.895168,
          1_700_000_000_000L, 4, fix.speedMps(), 270, 31, 76, FixSource.OSMAND));
    }

    @Test
    void isoTimestampAndHdop() {
      PositionFix fix = fix("/?id=902064&lat=42.06288&lon=-88.23412"
          + "&timestamp=2016-01-27T18%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0");

      assertThat(fix).isEqualTo(new PositionFix("902064", 42.06288, -88.23412, 1453920947000L,
          NONE, 0, NONE, 224, NONE, FixSource.OSMAND));
    }

    @Test
    void millisecondTimestamp() {
      assertThat(fix("/?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0"
          + "&altitude=224.0&speed=0.0").timestampMs()).isEqualTo(1442068686579L);
    }

    @Test
    void spaceSeparatedTimestampWithPlusForSpace() {
      assertThat(fix("/?lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11"
          + "&altitude=384.7&speed=0.0&id=353861053849681").timestampMs())
          .isEqualTo(1401873011000L);
    }

    @Test
    void secondsTimestampAndZeroBearing() {
      PositionFix fix = fix("/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0"
          + "&bearing=0.0&altitude=0&hdop=0.0");

      assertThat(fix).isEqualTo(new PositionFix("123456", 60, 30, 1377177267000L,
          NONE, 0, 0, 0, NONE, FixSource.OSMAND));
    }

    @Test
    void deviceidHeadingAndNoTimestamp() {
      OsmAndRequest request = decode("/?lat=60.0&lon=30.0&speed=0.0&heading=45.0&vacc=0&hacc=0"
          + "&altitude=0&deviceid=123456");

      assertThat(request.deviceId()).isEqualTo("123456");
      assertThat(request.key()).isNull();
      assertThat(request.fix().headingDeg()).isEqualTo(45);
      assertThat(request.fix().timestampMs()).isEqualTo(NOW);
    }

    @Test
    void batteryWithoutTimestamp() {
      PositionFix fix = fix("/?id=861001000719969&lat=41.666667&lon=-0.883333"
          + "&altitude=350.059479&speed=0.000000&batt=87");

      assertThat(fix).isEqualTo(new PositionFix("861001000719969", 41.666667, -0.883333, NOW,
          NONE, 0, NONE, 350.059479, 87, FixSource.OSMAND));
    }

    @Test
    void locationParameter() {
      PositionFix fix = fix("/?id=123456&timestamp=1377177267&location=60.0,30.0");

      assertThat(fix.lat()).isEqualTo(60);
      assertThat(fix.lon()).isEqualTo(30);
    }

    @Test
    void extraAttributesAreIgnoredAndSpeedIsKnots() {
      PositionFix fix = fix("/?id=123456789012345&timestamp=1504763810&lat=40.7232948571"
          + "&lon=-74.0061408571&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24");

      assertThat(fix.speedMps()).isCloseTo(20.5778, within(1e-4));
      assertThat(fix.headingDeg()).isEqualTo(7.19889788244);
    }

    @Test
    void missingIdIsRejected() {
      assertRejected(() -> decode("/?timestamp=1377177267&lat=60.0&lon=30.0"),
          RejectReason.MISSING_FIELD);
    }

    @Test
    void cellTowersAloneAreNotAFix() {
      assertRejected(() -> decode("/?id=123456&timestamp=1377177267&cell=257,02,16,2224"
          + "&wifi=00-14-22-01-23-45,-80"), RejectReason.MISSING_FIELD);
    }
  }

  @Nested
  class Fields {

    @ParameterizedTest(name = "{0} kn = {1} m/s")
    @CsvSource({"0, 0", "1, 0.514444", "10, 5.144444", "3600, 1852"})
    void convertsKnots(double knots, double mps) {
      assertThat(fix("/?id=d&lat=1&lon=2&speed=" + knots).speedMps()).isCloseTo(mps, within(1e-3));
    }

    @Test
    void prefersBearingOverHeadingAndIdOverDeviceid() {
      OsmAndRequest request = decode("/?id=a&deviceid=b&lat=1&lon=2&bearing=10&heading=20");

      assertThat(request.deviceId()).isEqualTo("a");
      assertThat(request.fix().headingDeg()).isEqualTo(10);
    }

    @Test
    void latAndLonWinOverLocation() {
      PositionFix fix = fix("/?id=d&lat=1&lon=2&location=3,4");

      assertThat(fix.lat()).isEqualTo(1);
      assertThat(fix.lon()).isEqualTo(2);
    }

    @Test
    void emptyParametersAreAbsent() {
      PositionFix fix = fix("/?id=d&lat=1&lon=2&timestamp=&speed=&accuracy=%20&batt=");

      assertThat(fix).isEqualTo(new PositionFix("d", 1, 2, NOW, NONE, NONE, NONE, NONE, NONE,
          FixSource.OSMAND));
    }

    @Test
    void formBodyParametersWorkTheSame() {
      MultiMap form = MultiMap.caseInsensitiveMultiMap()
          .add("id", "dev-1").add("lat", "1.5").add("lon", "2.5").add("timestamp", "1700000000");

      assertThat(decoder.decode(form, NOW).fix().timestampMs()).isEqualTo(1_700_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/?id=d&lon=2", "/?id=d&lat=1", "/?id=d", "/?id=d&lat=&lon=2", "/?lat=1&lon=2",
        "/?id=&lat=1&lon=2"
    })
    void rejectsMissingFields(String uri) {
      assertRejected(() -> decode(uri), RejectReason.MISSING_FIELD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/?id=d&lat=abc&lon=2", "/?id=d&lat=1&lon=2&speed=fast", "/?id=d&lat=1,5&lon=2",
        "/?id=d&location=60.0", "/?id=d&location=1,2,3", "/?id=d&location=a,b",
        "/?id=d&lat=1&lon=2&timestamp=yesterday", "/?id=d&lat=1&lon=2&batt=87%25"
    })
    void rejectsValuesOfTheWrongType(String uri) {
      assertRejected(() -> decode(uri), RejectReason.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?id=d&lat=NaN&lon=2", "/?id=d&lat=1&lon=Infinity",
        "/?id=d&lat=1&lon=2&altitude=-Infinity", "/?id=d&location=NaN,1"})
    void rejectsNanAndInfinity(String uri) {
      assertRejected(() -> decode(uri), RejectReason.NOT_A_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?id=dev%201&lat=1&lon=2", "/?id=a%2Fb&lat=1&lon=2",
        "/?deviceid=%23&lat=1&lon=2"})
    void rejectsIdsThatCannotBeDevices(String uri) {
      assertRejected(() -> decode(uri), RejectReason.INVALID_VALUE);
    }
  }

  private OsmAndRequest decode(String uri) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap();
    // Decoded the way the HTTP server decodes a request's query string.
    new QueryStringDecoder(uri).parameters().forEach(params::add);
    return decoder.decode(params, NOW);
  }

  private PositionFix fix(String uri) {
    return decode(uri).fix();
  }
}
