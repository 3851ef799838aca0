package org.lamplight.domain.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as a producer raises it.
 *
 * @param kind what it is about, for grouping and filtering (escalation, sos, unit_offline, ...)
 * @param code what to say: a console renders the code with the params in its dispatcher's
 *     language (unit_offline_assigned, phone_task, ...); stable, lower_snake
 * @param params the code's parameters: JSON-compatible values (strings, numbers, booleans), ids
 *     rather than names, which each console shows in its own words
 * @param message the same in plain English, for API clients and logs
 * @param stationId the station of the incident or unit it is about: only consoles that see the
 *     station receive it; null for the county's command only
 * @param key alerts with the same key are one while it is not acknowledged: raising it again
 *     returns the open one (e.g. {@code sos:aux-0001}); null for none
 */
public record NewAlert(AlertLevel level, String kind, String code, Map<String, Object> params, String message,
                       String stationId, String incidentId, String unitId, String villageCode, String key) {

  public NewAlert {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }
}
