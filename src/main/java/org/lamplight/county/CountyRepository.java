package org.lamplight.county;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lamplight.county.GeoJson.InvalidGeometryException;
import org.lamplight.county.StoredCounty.Stored;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.area.AreaLevel;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Workstation;
import org.lamplight.store.AuditLog;
import org.lamplight.store.StoreErrors;
import org.lamplight.store.Versions;
import org.locationtech.jts.geom.Geometry;

/**
 * The county model in PostgreSQL: read at start-up and whenever its version changes (active rows
 * only), and written by an import or an administrator's change, in one transaction that holds the
 * county lock. Retired rows stay (history and incidents name
 * them) and are skipped when the county is loaded.
 */
public final class CountyRepository {

  /** Serialises imports and the demo county's generation across nodes. */
  private static final String LOCK = "select pg_advisory_xact_lock(7470001)";
  private static final String IS_EMPTY = "select not exists (select 1 from areas) and not exists (select 1 from units)";
  private static final String LEVEL_ORDER = "array_position(array['county', 'township', 'village', 'committee'], level)";

  private static final String SELECT_AREAS = "select code, name, level, parent, shape, retired_at is not null as retired"
      + " from areas order by " + LEVEL_ORDER + ", code";
  private static final String SELECT_STATIONS = "select id, name, lat, lon, township_codes, retired_at is not null as retired"
      + " from stations order by id";
  private static final String SELECT_OFFICES = "select id, name, station_id, lat, lon, village_codes,"
      + " retired_at is not null as retired from offices order by id";
  private static final String SELECT_WORKSTATIONS = "select id, name, office_id, village_code, lat, lon,"
      + " retired_at is not null as retired from workstations order by id";
  private static final String SELECT_PEOPLE = "select id, name, kind, phone, workstation_id, office_id, station_id,"
      + " home_lat, home_lon, retired_at is not null as retired from units order by id";
  private static final String SELECT_DEVICES = "select id, unit_id, retired_at is not null as retired from devices order by id";
  private static final String SELECT_ROADS = "select id, name, kind, points from roads order by id";
  /** People offered or holding a job of an incident that is not over: an import never retires them. */
  private static final String SELECT_BUSY_PEOPLE = "select distinct a ->> 'unitId' from incidents i,"
      + " jsonb_array_elements(i.state -> 'assignments') a"
      + " where i.status not in ('closed', 'cancelled') and a ->> 'status' = any($1)";

  private static final String UPSERT_AREA = "insert into areas (code, name, level, parent, shape) values ($1, $2, $3, $4, $5)"
      + " on conflict (code) do update set name = excluded.name, level = excluded.level, parent = excluded.parent,"
      + " shape = excluded.shape, retired_at = null";
  private static final String UPSERT_STATION = "insert into stations (id, name, lat, lon, township_codes)"
      + " values ($1, $2, $3, $4, $5) on conflict (id) do update set name = excluded.name, lat = excluded.lat,"
      + " lon = excluded.lon, township_codes = excluded.township_codes, retired_at = null";
  private static final String UPSERT_OFFICE = "insert into offices (id, name, station_id, lat, lon, village_codes)"
      + " values ($1, $2, $3, $4, $5, $6) on conflict (id) do update set name = excluded.name,"
      + " station_id = excluded.station_id, lat = excluded.lat, lon = excluded.lon,"
      + " village_codes = excluded.village_codes, retired_at = null";
  private static final String UPSERT_WORKSTATION = "insert into workstations (id, name, office_id, village_code, lat, lon)"
      + " values ($1, $2, $3, $4, $5, $6) on conflict (id) do update set name = excluded.name,"
      + " office_id = excluded.office_id, village_code = excluded.village_code, lat = excluded.lat, lon = excluded.lon,"
      + " retired_at = null";
  private static final String UPSERT_PERSON = "insert into units (id, name, kind, phone, workstation_id, office_id,"
      + " station_id, home_lat, home_lon) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (id) do update set"
      + " name = excluded.name, kind = excluded.kind, phone = excluded.phone, workstation_id = excluded.workstation_id,"
      + " office_id = excluded.office_id, station_id = excluded.station_id, home_lat = excluded.home_lat,"
      + " home_lon = excluded.home_lon, retired_at = null";
  /** A new device, or a retired one back: either way with a fresh secret. */
  private static final String UPSERT_DEVICE_WITH_SECRET = "insert into devices (id, unit_id, secret_hash, secret_issued_at)"
      + " values ($1, $2, $3, now()) on conflict (id) do update set unit_id = excluded.unit_id,"
      + " secret_hash = excluded.secret_hash, secret_issued_at = excluded.secret_issued_at, retired_at = null";
  /** A device handed to another person keeps its secret. */
  private static final String MOVE_DEVICE = "update devices set unit_id = $2 where id = $1";
  private static final String RETIRE_AREAS = "update areas set retired_at = now() where code = any($1)";
  private static final String RETIRE_STATIONS = "update stations set retired_at = now() where id = any($1)";
  private static final String RETIRE_OFFICES = "update offices set retired_at = now() where id = any($1)";
  private static final String RETIRE_WORKSTATIONS = "update workstations set retired_at = now() where id = any($1)";
  private static final String RETIRE_PEOPLE = "update units set retired_at = now() where id = any($1)";
  private static final String RETIRE_DEVICES = "update devices set retired_at = now() where id = any($1)";
  private static final String DELETE_ROADS = "delete from roads";
  private static final String INSERT_ROAD = "insert into roads (id, name, kind, points) values ($1, $2, $3, $4)";

  /** The kinds of row an import may retire. */
  enum Kind {
    AREAS(RETIRE_AREAS), STATIONS(RETIRE_STATIONS), OFFICES(RETIRE_OFFICES), WORKSTATIONS(RETIRE_WORKSTATIONS),
    PEOPLE(RETIRE_PEOPLE), DEVICES(RETIRE_DEVICES);

    private final String retire;

    Kind(String retire) {
      this.retire = retire;
    }
  }

  /** Rows per batched statement: a county of tens of thousands of people goes in a few dozen round trips. */
  private static final int BATCH = 1000;

  private final Vertx vertx;
  private final Pool pool;

  public CountyRepository(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** True while no county has been imported or generated. */
  public Future<Boolean> isEmpty() {
    return pool.query(IS_EMPTY).execute().map(rows -> rows.iterator().next().getBoolean(0)).recover(StoreErrors::recover);
  }

  /** The county as it stands: every row not retired. */
  public Future<County> load() {
    return parsed(rows -> active(rows.parse()));
  }

  /**
   * A stored object of the county and whether it was retired; people are {@link Person}s.
   */
  public record StoredObject(Object value, boolean retired) {
  }

  /** Every stored object of {@code kind}, retired ones too, by code. */
  public Future<List<StoredObject>> all(CountyKind kind) {
    return stored().map(s -> {
      Map<String, ? extends Stored<?>> rows = switch (kind) {
        case AREAS -> s.areas();
        case STATIONS -> s.stations();
        case OFFICES -> s.offices();
        case WORKSTATIONS -> s.workstations();
        case PEOPLE -> s.people();
        case DEVICES -> s.devices();
      };
      return rows.values().stream().map(r -> new StoredObject(r.value(), r.retired())).toList();
    });
  }

  /** Every row as stored, retired ones too. */
  Future<StoredCounty> stored() {
    return parsed(StoredRows::parse);
  }

  /**
   * Reads every row and makes values of them on a worker: a county's thousands of village
   * polygons take too long to build on the event loop the answer arrives on. A row that cannot be
   * made a value fails as it is, not as the database being unavailable. The worker is found through
   * {@code vertx}, not {@code Vertx.currentContext()}: when the rows arrive before the callback is
   * attached, the callback runs on the caller's thread, which outside Vert.x has no context.
   */
  private <T> Future<T> parsed(Function<StoredRows, T> values) {
    return rows(pool).recover(StoreErrors::recover)
        .compose(rows -> vertx.executeBlocking(() -> values.apply(rows), false));
  }

  /**
   * Runs {@code work} in one transaction holding the county lock; it commits when {@code work} succeeds.
   * The import's refusals fail it as they are ({@link org.lamplight.domain.Refusal}): answers, not outages.
   */
  <T> Future<T> importing(Function<Session, Future<T>> work) {
    return pool.withTransaction(conn -> conn.query(LOCK).execute().compose(v -> work.apply(new Session(conn))))
        .recover(StoreErrors::recover);
  }

  /** What an import reads and writes, inside its transaction. */
  final class Session {
    private final SqlConnection conn;

    private Session(SqlConnection conn) {
      this.conn = conn;
    }

    /** Every stored row; {@link StoredRows#parse} (CPU work for a large county) is the caller's to place. */
    Future<StoredRows> current() {
      return rows(conn);
    }

    /** The county's version as stored, locked until the transaction ends. */
    Future<Long> lockVersion() {
      return Versions.lock(conn, Versions.COUNTY);
    }

    /** The version this transaction's change is stored under. */
    Future<Long> bumpVersion() {
      return Versions.bump(conn, Versions.COUNTY);
    }

    Future<Void> audit(AuditLog.Entry entry) {
      return AuditLog.write(conn, entry);
    }

    Future<Set<String>> busyPeople() {
      String[] active = Arrays.stream(AssignmentStatus.values()).filter(AssignmentStatus::isActive)
          .map(AssignmentStatus::wire).toArray(String[]::new);
      return conn.preparedQuery(SELECT_BUSY_PEOPLE).execute(Tuple.of((Object) active)).map(rows -> {
        Set<String> out = new HashSet<>();
        rows.forEach(r -> out.add(r.getString(0)));
        return out;
      });
    }

    /** Parents before children: the caller passes areas in level order. */
    Future<Void> upsertAreas(List<Area> areas) {
      return batch(UPSERT_AREA, areas, a -> Tuple.of(a.code(), a.name(), a.level().wire(), a.parent(),
          GeoJson.geometry(a.shape())));
    }

    Future<Void> upsertStations(List<Station> stations) {
      return batch(UPSERT_STATION, stations, s -> Tuple.of(s.id(), s.name(), s.location().lat(), s.location().lon(),
          s.townshipIds().toArray(new String[0])));
    }

    Future<Void> upsertOffices(List<Office> offices) {
      return batch(UPSERT_OFFICE, offices, o -> Tuple.of(o.id(), o.name(), o.stationId(), o.location().lat(),
          o.location().lon(), o.villageIds().toArray(new String[0])));
    }

    Future<Void> upsertWorkstations(List<Workstation> workstations) {
      return batch(UPSERT_WORKSTATION, workstations, w -> Tuple.of(w.id(), w.name(), w.officeId(), w.villageId(),
          w.location().lat(), w.location().lon()));
    }

    Future<Void> upsertPeople(List<Person> people) {
      return batch(UPSERT_PERSON, people, p -> Tuple.of(p.id(), p.name(), p.kind().wire(), p.phone(),
          p.workstationId(), p.officeId(), p.stationId(), p.home().lat(), p.home().lon()));
    }

    /** Devices that get a secret: {@code hashes} holds each one's hash. */
    Future<Void> upsertDevicesWithSecrets(List<Device> devices, Map<String, String> hashes) {
      return batch(UPSERT_DEVICE_WITH_SECRET, devices, d -> Tuple.of(d.id(), d.personId(), hashes.get(d.id())));
    }

    Future<Void> moveDevices(List<Device> devices) {
      return batch(MOVE_DEVICE, devices, d -> Tuple.of(d.id(), d.personId()));
    }

    /** Marks rows retired: they stay for history, and the county no longer has them. */
    Future<Void> retire(Kind kind, Collection<String> codes) {
      return codes.isEmpty() ? Future.succeededFuture()
          : conn.preparedQuery(kind.retire).execute(Tuple.of((Object) codes.toArray(new String[0]))).mapEmpty();
    }

    Future<Void> replaceRoads(List<Road> roads) {
      return conn.query(DELETE_ROADS).execute().compose(v -> batch(INSERT_ROAD, roads, r -> Tuple.of(r.id(), r.name(),
          r.kind().name().toLowerCase(Locale.ROOT), points(r.points()))));
    }

    private <T> Future<Void> batch(String sql, List<T> items, Function<T, Tuple> toTuple) {
      Future<Void> done = Future.succeededFuture();
      for (int from = 0; from < items.size(); from += BATCH) {
        List<Tuple> chunk = items.subList(from, Math.min(items.size(), from + BATCH)).stream().map(toTuple).toList();
        done = done.compose(v -> conn.preparedQuery(sql).executeBatch(chunk).mapEmpty());
      }
      return done;
    }
  }

  private static Future<StoredRows> rows(SqlClient client) {
    Future<RowSet<Row>> areas = client.query(SELECT_AREAS).execute();
    Future<RowSet<Row>> stations = client.query(SELECT_STATIONS).execute();
    Future<RowSet<Row>> offices = client.query(SELECT_OFFICES).execute();
    Future<RowSet<Row>> workstations = client.query(SELECT_WORKSTATIONS).execute();
    Future<RowSet<Row>> people = client.query(SELECT_PEOPLE).execute();
    Future<RowSet<Row>> devices = client.query(SELECT_DEVICES).execute();
    Future<RowSet<Row>> roads = client.query(SELECT_ROADS).execute();
    return Future.all(List.of(areas, stations, offices, workstations, people, devices, roads)).map(all -> new StoredRows(
        areas.result(), stations.result(), offices.result(), workstations.result(), people.result(), devices.result(),
        roads.result()));
  }

  /** The county's rows as read, before they become values. */
  record StoredRows(RowSet<Row> areas, RowSet<Row> stations, RowSet<Row> offices, RowSet<Row> workstations,
                    RowSet<Row> people, RowSet<Row> devices, RowSet<Row> roads) {

    StoredCounty parse() {
      return new StoredCounty(
          byCode(areas, "code", r -> new Area(r.getString("code"), r.getString("name"),
              AreaLevel.fromWire(r.getString("level")), r.getString("parent"), shape(r))),
          byCode(stations, "id", r -> new Station(r.getString("id"), r.getString("name"), point(r, "lat", "lon"),
              List.of(r.getArrayOfStrings("township_codes")))),
          byCode(offices, "id", r -> new Office(r.getString("id"), r.getString("name"), r.getString("station_id"),
              point(r, "lat", "lon"), List.of(r.getArrayOfStrings("village_codes")))),
          byCode(workstations, "id", r -> new Workstation(r.getString("id"), r.getString("name"),
              r.getString("office_id"), r.getString("village_code"), point(r, "lat", "lon"))),
          byCode(people, "id", r -> new Person(r.getString("id"), r.getString("name"),
              UnitKind.fromWire(r.getString("kind")), r.getString("phone"), r.getString("workstation_id"),
              r.getString("office_id"), r.getString("station_id"), point(r, "home_lat", "home_lon"))),
          byCode(devices, "id", r -> new Device(r.getString("id"), r.getString("unit_id"))),
          list(roads, r -> new Road(r.getString("id"), r.getString("name"),
              Road.RoadKind.valueOf(r.getString("kind").toUpperCase(Locale.ROOT)), points((JsonArray) r.getJson("points")))));
    }
  }

  private static County active(StoredCounty s) {
    return new County(active(s.areas()), active(s.stations()), active(s.offices()), active(s.workstations()),
        active(s.people()), active(s.devices()), s.roads());
  }

  private static <T> List<T> active(Map<String, Stored<T>> rows) {
    return rows.values().stream().filter(r -> !r.retired()).map(Stored::value).toList();
  }

  private static <T> Map<String, Stored<T>> byCode(RowSet<Row> rows, String key, Function<Row, T> value) {
    Map<String, Stored<T>> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.getString(key), new Stored<>(value.apply(r), r.getBoolean("retired"))));
    return out;
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> value) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(value.apply(r)));
    return out;
  }

  private static Geometry shape(Row r) {
    try {
      return GeoJson.polygonal((JsonObject) r.getJson("shape"));
    } catch (InvalidGeometryException e) {
      throw new IllegalStateException("stored area " + r.getString("code") + " has a bad shape: " + e.getMessage(), e);
    }
  }

  private static GeoPoint point(Row r, String lat, String lon) {
    return new GeoPoint(r.getDouble(lat), r.getDouble(lon));
  }

  /** Roads are stored as [[lat, lon], ...]. */
  private static JsonArray points(List<GeoPoint> points) {
    JsonArray a = new JsonArray();
    points.forEach(p -> a.add(new JsonArray().add(p.lat()).add(p.lon())));
    return a;
  }

  private static List<GeoPoint> points(JsonArray a) {
    List<GeoPoint> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonArray p = a.getJsonArray(i);
      out.add(new GeoPoint(p.getDouble(0), p.getDouble(1)));
    }
    return out;
  }
}
