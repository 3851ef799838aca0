package org.lamplight.domain.dispatch;

import java.util.Objects;

/**
 * Who reported an incident by phone or in person, as the dispatcher took it down; both parts may
 * be empty (a device report, a transfer that named nobody).
 */
public record Caller(String name, String phone) {

  public static final Caller NONE = new Caller("", "");

  public Caller {
    name = Objects.requireNonNullElse(name, "").strip();
    phone = Objects.requireNonNullElse(phone, "").strip();
  }

  public boolean isNone() {
    return name.isEmpty() && phone.isEmpty();
  }
}
