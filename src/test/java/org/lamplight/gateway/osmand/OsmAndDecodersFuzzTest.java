package org.lamplight.gateway.osmand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.gateway.Fuzz.assertUsable;
import static org.lamplight.gateway.Fuzz.decodedOrRefused;
import static org.lamplight.gateway.Fuzz.forAll;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lamplight.gateway.Fuzz;

/** Both Traccar Client formats, fed generated requests: a usable fix or a typed rejection, never anything else. */
class OsmAndDecodersFuzzTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final List<String> PARAMETERS = List.of("id", "deviceid", "timestamp", "lat", "lon", "location",
      "speed", "bearing", "heading", "altitude", "accuracy", "batt", "key");
  private static final List<String> JSON = List.of("device_id", "key", "location", "timestamp", "coords", "latitude",
      "longitude", "accuracy", "speed", "heading", "altitude", "battery", "level");

  private final OsmAndDecoder query = new OsmAndDecoder();
  private final TraccarJsonDecoder json = new TraccarJsonDecoder(4096);

  @Test
  void queryParametersDecodeToAUsableFixOrATypedRejection() {
    forAll(r -> {
      MultiMap params = MultiMap.caseInsensitiveMultiMap();
      for (int i = r.nextInt(PARAMETERS.size() + 2); i > 0; i--) {
        String name = r.nextInt(6) == 0 ? Fuzz.text(r) : PARAMETERS.get(r.nextInt(PARAMETERS.size()));
        params.add(name, r.nextInt(3) == 0 ? Fuzz.value(r, 3, PARAMETERS) : Fuzz.text(r));
      }
      return params;
    }, params -> {
      OsmAndRequest request = decodedOrRefused(() -> query.decode(params, NOW));
      if (request != null) {
        assertThat(request.deviceId()).isEqualTo(request.fix().deviceId());
        assertUsable(request.fix());
      }
    });
  }

  @Test
  void jsonBodiesDecodeToAUsableFixOrATypedRejection() {
    forAll(r -> Buffer.buffer(r.nextInt(4) == 0 ? Fuzz.bytes(r) : Fuzz.json(r, JSON)), body -> {
      OsmAndRequest request = decodedOrRefused(() -> json.decode(body));
      if (request != null) {
        assertUsable(request.fix());
      }
    });
  }
}
