package org.lamplight.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.lamplight.auth.DeviceTokens.DeviceIdentity;
import org.lamplight.domain.tracking.LiveUnits;
import org.lamplight.gateway.ClientIds;
import org.lamplight.store.PhotoRepository;
import org.lamplight.store.PhotoRepository.Photo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos the field app takes (a hazard, an incident it reports): what may be uploaded, under which
 * id, and how long it is kept. An upload names itself with the app's client id, so an upload sent
 * again after a lost answer gets the same photo id and stores nothing new.
 */
public final class FieldPhotos {

  private static final Logger LOG = LoggerFactory.getLogger(FieldPhotos.class);
  /** How often photos past their retention are deleted. */
  static final long SWEEP_MS = 3_600_000;
  private static final long DAY_MS = 86_400_000;
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** Why an upload is refused. */
  public static final class Refused extends RuntimeException {

    /** What went wrong, which decides the HTTP status. */
    public enum Kind { TOO_LARGE, NOT_AN_IMAGE, OVER_QUOTA }

    private final Kind kind;

    Refused(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  private final PhotoRepository photos;
  private final LiveUnits units;
  private final int maxBytes;
  private final int perDay;
  private final long retentionMs;

  public FieldPhotos(PhotoRepository photos, LiveUnits units, int maxBytes, int perDay, long retentionMs) {
    this.photos = photos;
    this.units = units;
    this.maxBytes = maxBytes;
    this.perDay = perDay;
    this.retentionMs = retentionMs;
  }

  public int maxBytes() {
    return maxBytes;
  }

  /** Stores a JPEG or PNG for the device and answers its photo id. */
  public Future<String> upload(DeviceIdentity device, String clientId, Buffer bytes, long nowMs) {
    if (bytes.length() > maxBytes) {
      return Future.failedFuture(new Refused(Refused.Kind.TOO_LARGE,
          "the photo is " + bytes.length() + " bytes, the limit is " + maxBytes));
    }
    String type = startsWith(bytes, JPEG) ? "image/jpeg" : startsWith(bytes, PNG) ? "image/png" : null;
    if (type == null) {
      return Future.failedFuture(new Refused(Refused.Kind.NOT_AN_IMAGE, "send a JPEG or PNG image"));
    }
    String id = clientId == null ? UUID.randomUUID().toString() : ClientIds.of("photo", device.deviceId(), clientId);
    String stationId = units.unit(device.unitId()).map(u -> u.person().stationId()).orElse(null);
    return photos.countSince(device.deviceId(), nowMs - DAY_MS).compose(n -> n >= perDay
        ? Future.failedFuture(new Refused(Refused.Kind.OVER_QUOTA, "at most " + perDay + " photos a day per device"))
        : photos.store(id, device.deviceId(), device.unitId(), stationId, type, bytes).map(id));
  }

  public Future<Optional<Photo>> find(String photoId) {
    return photos.find(photoId);
  }

  /** The photos a device's report showed for the incident it opened, without their bytes. */
  public Future<List<Photo>> ofIncident(String incidentId) {
    return photos.ofIncident(incidentId);
  }

  /** Deletes the photos uploaded longer than the retention ago. */
  public Future<Integer> deleteExpired(long nowMs) {
    return photos.deleteUploadedBefore(nowMs - retentionMs)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("deleted {} photo(s) past their retention", n);
          }
        })
        .onFailure(e -> LOG.warn("cannot delete old photos: {}", e.getMessage()));
  }

  private static boolean startsWith(Buffer bytes, byte[] magic) {
    if (bytes.length() < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (bytes.getByte(i) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
