package org.lamplight.domain.org;

import java.util.Objects;

/**
 * A device that reports for a person: a patrol radio, a phone running the field app or
 * OwnTracks. A person may carry several; the device id is also its MQTT user name.
 */
public record Device(String id, String personId) {

  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(personId, "personId");
  }
}
