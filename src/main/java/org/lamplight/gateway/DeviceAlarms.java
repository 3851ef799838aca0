package org.lamplight.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lamplight.alert.Alerts;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.domain.tracking.LiveUnits;

/** Alarms devices raise (an SOS), as alerts for the dispatchers of the unit's station, whatever the device's protocol. */
public final class DeviceAlarms {

  private final Alerts alerts;
  private final LiveUnits units;
  /** Devices whose SOS alert could not be stored; bounded by the county's devices. */
  private final Set<String> unraised = ConcurrentHashMap.newKeySet();

  public DeviceAlarms(Alerts alerts, LiveUnits units) {
    this.alerts = alerts;
    this.units = units;
  }

  /** The device's unit raised an SOS; one alert while nobody has acknowledged it. */
  public void sos(String deviceId) {
    units.personByDevice(deviceId).ifPresent(p -> alerts.raise(new NewAlert(AlertLevel.CRITICAL, "sos", "sos",
            Map.of("unitId", p.id()), "SOS raised by unit " + p.id(), p.stationId(), null, p.id(), null, "sos:" + p.id()))
        .onSuccess(a -> unraised.remove(deviceId))
        .onFailure(e -> unraised.add(deviceId)));
  }

  /**
   * Whether the device's SOS is still without its alert (the database was down): the device
   * was acknowledged and its unit shows the SOS, so the alert is raised when it reports the SOS again.
   */
  public boolean unraised(String deviceId) {
    return unraised.contains(deviceId);
  }
}
