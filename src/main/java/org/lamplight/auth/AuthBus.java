package org.lamplight.auth;

/** Event-bus addresses of the auth layer. Published, so every node of a cluster hears them. */
public final class AuthBus {

  private AuthBus() {
  }

  /**
   * {@code {deviceId}}: the device's secret was issued anew or revoked. Sessions that logged in
   * under the old secret (the field app's) end.
   */
  public static final String DEVICE_SECRET_CHANGED = "lamplight.auth.device-secret-changed";
}
