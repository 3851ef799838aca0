package org.lamplight.domain.tracking;

/**
 * A device's self-reported state.
 *
 * @param onDuty null when the message did not mention duty
 * @param sos true when the device raised an SOS alarm
 * @param batteryPct {@link PositionFix#ABSENT} when not sent
 */
public record DeviceStatus(Boolean onDuty, boolean sos, double batteryPct) {}
