package org.lamplight.gateway;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Server-side ids made from the id a device gave what it sent (its client id), so that what it
 * sends again after a lost acknowledgement names the same thing (an incident, a photo) and creates
 * nothing new. Scoped by device and by kind, so devices never collide with each other.
 */
public final class ClientIds {

  private ClientIds() {
  }

  /** A UUID, the same for the same kind, device and client id. */
  public static String of(String kind, String deviceId, String clientId) {
    return UUID.nameUUIDFromBytes((kind + "\n" + deviceId + "\n" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
