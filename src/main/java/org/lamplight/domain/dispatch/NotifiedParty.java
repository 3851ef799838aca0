package org.lamplight.domain.dispatch;

import java.util.Objects;

/**
 * Someone told about an incident: an officer (unit id), a station (station id), the county
 * ({@value #COUNTY_ID}) or an external service ("119", "122").
 */
public record NotifiedParty(NotifyTarget target, String id) {

  public static final String COUNTY_ID = "county";

  public NotifiedParty {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(id, "id");
  }
}
