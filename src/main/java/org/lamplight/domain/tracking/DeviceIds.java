package org.lamplight.domain.tracking;

/** The shape of a device id, which is also an MQTT user name and a topic level. */
public final class DeviceIds {

  public static final int MAX_LENGTH = 64;

  private DeviceIds() {}

  /** 1 to 64 ASCII letters, digits, '.', '_' or '-': safe in topics, URLs, logs and SQL. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
