package org.lamplight.console;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the console feed needs of dispatch for a snapshot: the incidents still open, as JSON. */
@FunctionalInterface
public interface OpenIncidents {
  List<JsonObject> open();
}
