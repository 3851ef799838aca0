package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Photos taken with the field app. An upload is idempotent by its id (the app names a resent
 * upload the same), and a photo is deleted once it is older than the retention.
 */
public final class PhotoRepository {

  private static final String INSERT = "insert into field_photos"
      + " (photo_id, device_id, unit_id, station_id, content_type, size_bytes, bytes)"
      + " values ($1, $2, $3, $4, $5, $6, $7) on conflict (photo_id) do nothing";
  private static final String SELECT = "select photo_id, device_id, unit_id, station_id, content_type, size_bytes,"
      + " uploaded_at, incident_id, bytes from field_photos where photo_id = $1";
  private static final String COUNT_SINCE = "select count(*) as n from field_photos"
      + " where device_id = $1 and uploaded_at > $2";
  /** Only the device's own photos, and only once: a photo shows the incident its first report named. */
  private static final String ATTACH = "update field_photos set incident_id = $3"
      + " where photo_id = $1 and device_id = $2 and incident_id is null";
  private static final String OF_INCIDENT = "select photo_id, device_id, unit_id, station_id, content_type, size_bytes,"
      + " uploaded_at, incident_id, null::bytea as bytes from field_photos where incident_id = $1 order by uploaded_at";
  private static final String DELETE_BEFORE = "delete from field_photos where uploaded_at < $1";

  /**
   * A stored photo; {@code bytes} is null where only its description was asked for.
   *
   * @param stationId the station of the unit that took it, which scopes who may see it
   */
  public record Photo(String id, String deviceId, String unitId, String stationId, String contentType, int sizeBytes,
                      long uploadedAtMs, String incidentId, Buffer bytes) {
  }

  private final Pool pool;

  public PhotoRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores a photo; a second upload under the same id keeps the first. */
  public Future<Void> store(String id, String deviceId, String unitId, String stationId, String contentType, Buffer bytes) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, deviceId, unitId, stationId, contentType, bytes.length(), bytes))
        .<Void>mapEmpty().recover(StoreErrors::recover);
  }

  public Future<Optional<Photo>> find(String id) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Photo>empty() : Optional.of(photo(rows.iterator().next())))
        .recover(StoreErrors::recover);
  }

  /** How many photos the device uploaded after {@code sinceMs}. */
  public Future<Integer> countSince(String deviceId, long sinceMs) {
    return pool.preparedQuery(COUNT_SINCE).execute(Tuple.of(deviceId, time(sinceMs)))
        .map(rows -> rows.iterator().next().getLong("n").intValue())
        .recover(StoreErrors::recover);
  }

  /** Links the device's photo to the incident its report opened; false when it has no such photo. */
  public Future<Boolean> attachToIncident(String photoId, String deviceId, String incidentId) {
    return pool.preparedQuery(ATTACH).execute(Tuple.of(photoId, deviceId, incidentId))
        .map(rows -> rows.rowCount() > 0)
        .recover(StoreErrors::recover);
  }

  /** The photos of an incident, without their bytes, oldest first. */
  public Future<List<Photo>> ofIncident(String incidentId) {
    return pool.preparedQuery(OF_INCIDENT).execute(Tuple.of(incidentId))
        .map(rows -> {
          List<Photo> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(photo(r)));
          return out;
        })
        .recover(StoreErrors::recover);
  }

  /** Deletes photos uploaded before {@code cutoffMs}; returns how many. */
  public Future<Integer> deleteUploadedBefore(long cutoffMs) {
    return pool.preparedQuery(DELETE_BEFORE).execute(Tuple.of(time(cutoffMs)))
        .map(rows -> rows.rowCount())
        .recover(StoreErrors::recover);
  }

  private static Photo photo(Row r) {
    return new Photo(r.getString("photo_id"), r.getString("device_id"), r.getString("unit_id"),
        r.getString("station_id"), r.getString("content_type"), r.getInteger("size_bytes"),
        r.getOffsetDateTime("uploaded_at").toInstant().toEpochMilli(), r.getString("incident_id"), r.getBuffer("bytes"));
  }

  private static OffsetDateTime time(long ms) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
  }
}
