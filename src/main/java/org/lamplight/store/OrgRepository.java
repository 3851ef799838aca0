package org.lamplight.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.CountyGenerator;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Road;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Township;
import org.lamplight.domain.org.UnitKind;
import org.lamplight.domain.org.Village;
import org.lamplight.domain.org.Workstation;

/** The county model: saved once (demo generation or import), read at start-up and by the API. */
public final class OrgRepository {

  private static final String COUNT_UNITS = "select count(*) from units";
  private static final String LOCK_ORG = "select pg_advisory_xact_lock(7470001)";
  private static final String INSERT_TOWNSHIP =
      "insert into townships (id, name, kind, center_lat, center_lon, outline) values ($1, $2, $3, $4, $5, $6)";
  private static final String INSERT_STATION =
      "insert into stations (id, name, township_id, lat, lon) values ($1, $2, $3, $4, $5)";
  private static final String INSERT_OFFICE =
      "insert into offices (id, name, station_id, lat, lon) values ($1, $2, $3, $4, $5)";
  private static final String INSERT_WORKSTATION =
      "insert into workstations (id, name, office_id, lat, lon) values ($1, $2, $3, $4, $5)";
  private static final String INSERT_VILLAGE =
      "insert into villages (id, name, kind, township_id, workstation_id, lat, lon) values ($1, $2, $3, $4, $5, $6, $7)";
  private static final String INSERT_ROAD = "insert into roads (id, name, kind, points) values ($1, $2, $3, $4)";
  private static final String INSERT_UNIT = "insert into units (id, name, kind, workstation_id, office_id, station_id,"
      + " home_lat, home_lon) values ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String INSERT_DEVICE =
      "insert into devices (id, unit_id, secret_hash, secret_issued_at) values ($1, $2, $3::text, case when $3::text is null then null else now() end)";
  private static final String SELECT_TOWNSHIPS = "select id, name, kind, center_lat, center_lon, outline from townships order by id";
  private static final String SELECT_STATIONS = "select id, name, township_id, lat, lon from stations order by id";
  private static final String SELECT_OFFICES = "select id, name, station_id, lat, lon from offices order by id";
  private static final String SELECT_WORKSTATIONS = "select id, name, office_id, lat, lon from workstations order by id";
  private static final String SELECT_VILLAGES =
      "select id, name, kind, township_id, workstation_id, lat, lon from villages order by id";
  private static final String SELECT_ROADS = "select id, name, kind, points from roads order by id";
  private static final String SELECT_UNITS =
      "select id, name, kind, workstation_id, office_id, station_id, home_lat, home_lon from units order by id";
  private static final String SELECT_COUNTY_NAME = "select value from settings where key = 'county.name'";
  private static final String INSERT_COUNTY_NAME =
      "insert into settings (key, value) values ('county.name', $1) on conflict (key) do update set value = excluded.value";

  private final Pool pool;

  public OrgRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> isEmpty() {
    return pool.query(COUNT_UNITS).execute()
        .map(rows -> rows.iterator().next().getLong(0) == 0)
        .recover(StoreErrors::recover);
  }

  /**
   * Saves a whole county in one transaction, with a device per person whose secret hash is
   * given by {@code secretHashes} (same order as {@code county.people()}). Nodes starting
   * together serialise on an advisory lock, so only the first one saves; the others get false.
   */
  public Future<Boolean> saveIfEmpty(County county, List<String> secretHashes) {
    return pool.withTransaction(conn -> conn.query(LOCK_ORG).execute()
        .compose(v -> conn.query(COUNT_UNITS).execute())
        .compose(rows -> rows.iterator().next().getLong(0) > 0
            ? Future.succeededFuture(false)
            : save(conn, county, secretHashes).map(true)))
        .recover(StoreErrors::recover);
  }

  private Future<Void> save(SqlConnection conn, County county, List<String> secretHashes) {
    return batch(conn, INSERT_TOWNSHIP, county.townships(), t -> Tuple.of(t.id(), t.name(),
            t.kind().name().toLowerCase(), t.center().lat(), t.center().lon(), points(t.outline())))
        .compose(v -> batch(conn, INSERT_STATION, county.stations(), s -> Tuple.of(s.id(), s.name(), s.townshipId(),
            s.location().lat(), s.location().lon())))
        .compose(v -> batch(conn, INSERT_OFFICE, county.offices(), o -> Tuple.of(o.id(), o.name(), o.stationId(),
            o.location().lat(), o.location().lon())))
        .compose(v -> batch(conn, INSERT_WORKSTATION, county.workstations(), w -> Tuple.of(w.id(), w.name(), w.officeId(),
            w.location().lat(), w.location().lon())))
        .compose(v -> batch(conn, INSERT_VILLAGE, county.villages(), vl -> Tuple.of(vl.id(), vl.name(),
            vl.kind().name().toLowerCase(), vl.townshipId(), vl.workstationId(), vl.location().lat(), vl.location().lon())))
        .compose(v -> batch(conn, INSERT_ROAD, county.roads(), r -> Tuple.of(r.id(), r.name(), r.kind().name().toLowerCase(),
            points(r.points()))))
        .compose(v -> batch(conn, INSERT_UNIT, county.people(), p -> Tuple.of(p.id(), p.name(), p.kind().wire(),
            p.workstationId(), p.officeId(), p.stationId(), p.home().lat(), p.home().lon())))
        .compose(v -> {
          List<Tuple> devices = new ArrayList<>();
          for (int i = 0; i < county.people().size(); i++) {
            Person p = county.people().get(i);
            devices.add(Tuple.of(p.deviceId(), p.id(), secretHashes.get(i)));
          }
          return conn.preparedQuery(INSERT_DEVICE).executeBatch(devices).<Void>mapEmpty();
        })
        .compose(v -> conn.preparedQuery(INSERT_COUNTY_NAME).execute(Tuple.of(county.name())).mapEmpty());
  }

  public Future<County> load() {
    Future<RowSet<Row>> name = pool.query(SELECT_COUNTY_NAME).execute();
    Future<RowSet<Row>> townships = pool.query(SELECT_TOWNSHIPS).execute();
    Future<RowSet<Row>> stations = pool.query(SELECT_STATIONS).execute();
    Future<RowSet<Row>> offices = pool.query(SELECT_OFFICES).execute();
    Future<RowSet<Row>> workstations = pool.query(SELECT_WORKSTATIONS).execute();
    Future<RowSet<Row>> villages = pool.query(SELECT_VILLAGES).execute();
    Future<RowSet<Row>> roads = pool.query(SELECT_ROADS).execute();
    Future<RowSet<Row>> units = pool.query(SELECT_UNITS).execute();
    return Future.all(List.of(name, townships, stations, offices, workstations, villages, roads, units))
        .map(all -> new County(
            name.result().size() == 0 ? "" : name.result().iterator().next().getString(0),
            CountyGenerator.CENTER,
            map(townships.result(), r -> new Township(r.getString("id"), r.getString("name"),
                Township.AreaKind.valueOf(r.getString("kind").toUpperCase()),
                new GeoPoint(r.getDouble("center_lat"), r.getDouble("center_lon")), points((JsonArray) r.getJson("outline")))),
            map(stations.result(), r -> new Station(r.getString("id"), r.getString("name"), r.getString("township_id"),
                point(r))),
            map(offices.result(), r -> new Office(r.getString("id"), r.getString("name"), r.getString("station_id"),
                point(r))),
            map(workstations.result(), r -> new Workstation(r.getString("id"), r.getString("name"),
                r.getString("office_id"), point(r))),
            map(villages.result(), r -> new Village(r.getString("id"), r.getString("name"),
                Village.VillageKind.valueOf(r.getString("kind").toUpperCase()), r.getString("township_id"),
                r.getString("workstation_id"), point(r))),
            map(roads.result(), r -> new Road(r.getString("id"), r.getString("name"),
                Road.RoadKind.valueOf(r.getString("kind").toUpperCase()), points((JsonArray) r.getJson("points")))),
            map(units.result(), r -> new Person(r.getString("id"), r.getString("name"), UnitKind.fromWire(r.getString("kind")),
                r.getString("workstation_id"), r.getString("office_id"), r.getString("station_id"),
                new GeoPoint(r.getDouble("home_lat"), r.getDouble("home_lon")))))
        )
        .recover(StoreErrors::recover);
  }

  private static <T> Future<Void> batch(SqlConnection conn, String sql, List<T> items, Function<T, Tuple> toTuple) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery(sql).executeBatch(items.stream().map(toTuple).toList()).mapEmpty();
  }

  private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> f) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  private static GeoPoint point(Row r) {
    return new GeoPoint(r.getDouble("lat"), r.getDouble("lon"));
  }

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
