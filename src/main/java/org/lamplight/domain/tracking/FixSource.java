package org.lamplight.domain.tracking;

/** Which device protocol a fix arrived over. */
public enum FixSource {
  LAMPLIGHT,
  OWNTRACKS,
  OSMAND,
  TRACCAR_JSON,
  SIMULATOR
}
