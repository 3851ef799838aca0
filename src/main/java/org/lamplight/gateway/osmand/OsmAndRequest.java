package org.lamplight.gateway.osmand;

import org.lamplight.domain.tracking.PositionFix;

/**
 * A decoded HTTP position report. The decoders do not authenticate: the caller checks
 * {@code key} against the device's secret.
 *
 * @param key the credential the device sent, or null
 */
public record OsmAndRequest(String deviceId, String key, PositionFix fix) {}
