package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentSource;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.lamplight.county.Bundle;
import org.lamplight.county.CountyImport;
import org.lamplight.county.ImportResult;
import org.lamplight.county.Problem;
import org.lamplight.domain.org.Device;
import org.lamplight.domain.org.Office;
import org.lamplight.domain.org.Station;
import org.lamplight.domain.org.Workstation;
import org.lamplight.store.AccountRepository;
import org.lamplight.store.AuditLog;
import org.lamplight.domain.alert.Alert;
import org.lamplight.domain.alert.NewAlert;
import org.lamplight.auth.DeviceTokens.DeviceIdentity;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentEvent;
import org.lamplight.domain.dispatch.Travel;
import org.lamplight.county.GeoJson;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.domain.org.Place;
import org.lamplight.domain.tracking.FixSource;
import org.lamplight.domain.tracking.HistoryRow;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.road.RoadTravel.Trip;
import org.lamplight.domain.tracking.UnitView;
import org.lamplight.store.PhotoRepository.Photo;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Every JSON shape clients see, REST API and console feed alike, in one place so both stay the
 * same. Repositories and dispatch hand over records; only this class turns them into JSON.
 */
public final class Views {

  private Views() {
  }

  public static JsonObject unit(UnitView u) {
    Person p = u.person();
    return new JsonObject()
        .put("id", p.id())
        .put("name", p.name())
        .put("phone", phone(p))
        .put("kind", p.kind().wire())
        .put("deviceId", u.deviceId())
        .put("channel", u.channel().wire())
        .put("workstationId", p.workstationId())
        .put("officeId", p.officeId())
        .put("stationId", p.stationId())
        .put("home", point(p.home()))
        .put("status", u.status())
        .put("online", u.online())
        .put("onDuty", u.onDuty())
        .put("sos", u.sos())
        .put("incidentId", u.incidentId())
        .put("lastSeen", lastSeen(u))
        .put("position", position(u.fix()));
  }

  private static String phone(Person p) {
    return p.phone() == null || p.phone().isBlank() ? null : p.phone();
  }

  private static Long lastSeen(UnitView u) {
    return u.lastSeenMs() == 0 ? null : u.lastSeenMs();
  }

  /** The parts of a unit's view, by how often they change. */
  public enum UnitPart {
    /** Who it is: changes only with the county (or a device's channel). */
    IDENTITY,
    /** Its status, presence, duty, SOS and incident. */
    STATE,
    /** Where it is: its position, and when its device was last heard. */
    MOVE
  }


  /**
   * An entry of a {@code units} message and the parts of the unit it changes.
   *
   * @param entry the unit's {@code id} and each field whose value differs (one that became null as
   *     null), the position as a {@code fix} array
   */
  public record UnitChange(JsonObject entry, Set<UnitPart> parts) {
  }

  /**
   * What a console holding {@code before} must be told to hold {@code now} instead (the same unit,
   * as {@link #unit} shows it); null when nothing differs. Compared on the records, as a console
   * tick does this for every unit that moved.
   */
  public static UnitChange unitChanges(UnitView before, UnitView now) {
    JsonObject c = new JsonObject().put("id", now.person().id());
    Set<UnitPart> parts = EnumSet.noneOf(UnitPart.class);
    Person was = before.person();
    Person is = now.person();
    if (was != is) {
      changed(c, "name", was.name(), is.name());
      changed(c, "phone", phone(was), phone(is));
      changed(c, "kind", was.kind().wire(), is.kind().wire());
      changed(c, "workstationId", was.workstationId(), is.workstationId());
      changed(c, "officeId", was.officeId(), is.officeId());
      changed(c, "stationId", was.stationId(), is.stationId());
      if (!Objects.equals(was.home(), is.home())) {
        c.put("home", point(is.home()));
      }
    }
    changed(c, "deviceId", before.deviceId(), now.deviceId());
    changed(c, "channel", before.channel().wire(), now.channel().wire());
    int fields = partChanged(c, 1, parts, UnitPart.IDENTITY);
    changed(c, "status", before.status(), now.status());
    changed(c, "online", before.online(), now.online());
    changed(c, "onDuty", before.onDuty(), now.onDuty());
    changed(c, "sos", before.sos(), now.sos());
    changed(c, "incidentId", before.incidentId(), now.incidentId());
    fields = partChanged(c, fields, parts, UnitPart.STATE);
    changed(c, "lastSeen", lastSeen(before), lastSeen(now));
    if (!Objects.equals(before.fix(), now.fix())) {
      c.put("fix", fix(now.fix(), before.fix() == null ? null : before.fix().source()));
    }
    partChanged(c, fields, parts, UnitPart.MOVE);
    return parts.isEmpty() ? null : new UnitChange(c, parts);
  }

  private static void changed(JsonObject changes, String field, Object before, Object now) {
    if (!Objects.equals(before, now)) {
      changes.put(field, now);
    }
  }

  /** Adds {@code part} when its fields grew {@code changes} past {@code fieldsBefore}; returns the fields now. */
  private static int partChanged(JsonObject changes, int fieldsBefore, Set<UnitPart> parts, UnitPart part) {
    if (changes.size() > fieldsBefore) {
      parts.add(part);
    }
    return changes.size();
  }

  /**
   * A unit's entry in a {@code units} message with the fields of {@code parts} as they are now, for
   * a console whose holding is not known (the position's source always comes).
   */
  public static JsonObject unitEntry(UnitView u, Set<UnitPart> parts) {
    Person p = u.person();
    JsonObject entry = new JsonObject().put("id", p.id());
    if (parts.contains(UnitPart.IDENTITY)) {
      entry.put("name", p.name()).put("phone", phone(p)).put("kind", p.kind().wire()).put("deviceId", u.deviceId())
          .put("channel", u.channel().wire()).put("workstationId", p.workstationId()).put("officeId", p.officeId())
          .put("stationId", p.stationId()).put("home", point(p.home()));
    }
    if (parts.contains(UnitPart.STATE)) {
      entry.put("status", u.status()).put("online", u.online()).put("onDuty", u.onDuty()).put("sos", u.sos())
          .put("incidentId", u.incidentId());
    }
    if (parts.contains(UnitPart.MOVE)) {
      entry.put("lastSeen", lastSeen(u)).put("fix", fix(u.fix(), null));
    }
    return entry;
  }

  /**
   * A position as a {@code units} entry carries it: its fields in the order {@code [lat, lon, ts, acc, spd, hdg, alt, batt, source]}, without
   * trailing ones it lacks (a lacking one in the middle is null), and without the source when
   * the position it replaces came the same way: about a third of the bytes of the object, and
   * positions are most of what the feed carries. Null for no position.
   */
  private static JsonArray fix(PositionFix f, FixSource heldSource) {
    if (f == null) {
      return null;
    }
    List<Object> values = new ArrayList<>(9);
    values.add(f.lat());
    values.add(f.lon());
    values.add(f.timestampMs());
    for (double v : new double[] {f.accuracyM(), f.speedMps(), f.headingDeg(), f.altitudeM(), f.batteryPct()}) {
      values.add(Double.isNaN(v) ? null : v);
    }
    values.add(f.source() == heldSource ? null : f.source().wire());
    int end = values.size();
    while (values.get(end - 1) == null) {
      end--;
    }
    return new JsonArray(new ArrayList<>(values.subList(0, end)));
  }

  public static JsonObject position(PositionFix f) {
    if (f == null) {
      return null;
    }
    JsonObject o = new JsonObject().put("lat", f.lat()).put("lon", f.lon()).put("ts", f.timestampMs());
    putIfPresent(o, "acc", f.accuracyM());
    putIfPresent(o, "spd", f.speedMps());
    putIfPresent(o, "hdg", f.headingDeg());
    putIfPresent(o, "alt", f.altitudeM());
    putIfPresent(o, "batt", f.batteryPct());
    return o.put("source", f.source().wire());
  }

  /** A point of a unit's track: the fix, and {@code implausible: true} for a flagged jump. */
  public static JsonObject trackPoint(HistoryRow row) {
    JsonObject p = position(row.fix());
    return row.implausible() ? p.put("implausible", true) : p;
  }

  /** A unit that may be assigned to an incident: the unit, its straight-line distance and its estimated trip. */
  public static JsonObject candidate(UnitView u, double straightM, Travel travel) {
    return new JsonObject().put("unit", unit(u)).put("distanceM", Math.round(straightM)).put("travel", travel(travel));
  }

  /** How far a unit was when offered the incident: travel time, trip length, whether by road. */
  private static JsonObject travel(Travel t) {
    return t == null ? null
        : new JsonObject().put("etaMs", t.etaMs()).put("distanceM", t.distanceM()).put("byRoad", t.byRoad());
  }

  /**
   * An incident as the API and the console show it, with the station whose area covers it, named
   * by the village (and its township) its place lies in as the county is drawn now.
   */
  public static JsonObject incident(Incident i, String stationId, County county) {
    JsonArray assignments = new JsonArray();
    i.assignments().forEach(a -> assignments.add(new JsonObject()
        .put("unitId", a.unitId()).put("deviceId", a.deviceId()).put("kind", a.kind().wire()).put("orderId", a.orderId())
        .put("status", a.status().wire()).put("offeredAt", a.offeredAtMs()).put("expiresAt", a.expiresAtMs())
        .put("updatedAt", a.updatedAtMs()).put("reason", a.reason()).put("byPhone", a.byPhone())
        .put("unreachable", a.unreachable()).put("travel", travel(a.travel()))));
    JsonArray notified = new JsonArray();
    i.notified().forEach(n -> notified.add(new JsonObject().put("target", n.target().wire()).put("id", n.id())));
    return new JsonObject()
        .put("id", i.id()).put("number", i.number()).put("type", i.type().wire()).put("severity", i.severity())
        .put("status", i.status().wire()).put("level", i.level()).put("lat", i.lat()).put("lon", i.lon())
        .put("description", i.description()).put("source", i.source().wire()).put("reportedBy", i.reportedBy())
        .put("createdAt", i.createdAtMs()).put("updatedAt", i.updatedAtMs())
        .put("shortfall", i.shortfall() == null ? null : i.shortfall().wire())
        .put("escalatesAt", i.escalateAtMs() == 0 ? null : i.escalateAtMs())
        .put("notified", notified).put("assignments", assignments).put("stationId", stationId)
        .put("place", place(county, i.lat(), i.lon()))
        .put("caller", i.caller().isNone() ? null
            : new JsonObject().put("name", i.caller().name()).put("phone", i.caller().phone()));
  }

  /** The village a point lies in with its township, or null outside every village. */
  private static JsonObject place(County county, double lat, double lon) {
    return county.villageAt(lat, lon).map(v -> new JsonObject().put("code", v.code())
        .put("name", v.name()).put("township", townshipName(county, v))).orElse(null);
  }

  private static String townshipName(County county, Area village) {
    return county.area(village.parent()).map(Area::name).orElse(null);
  }

  private static final DateTimeFormatter SHEET_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Incidents as a county command centre files them: one row each, in Chinese, times in the county's zone. */
  public static Sheet incidentSheet(List<Incident> incidents, Function<Incident, String> stationOf, County county,
      ZoneId zone) {
    List<List<Object>> rows = new ArrayList<>();
    for (Incident i : incidents) {
      Optional<Area> village = county.villageAt(i.lat(), i.lon());
      String station = stationOf.apply(i);
      List<Object> row = new ArrayList<>(List.of(i.number() == null ? i.id() : i.number(),
          SHEET_CLOCK.format(Instant.ofEpochMilli(i.createdAtMs()).atZone(zone)), typeName(i.type()), i.severity(),
          statusName(i.status()), village.map(Area::name).orElse(""),
          village.map(v -> townshipName(county, v)).orElse(""),
          station == null ? "" : county.station(station).map(Station::name).orElse(station), sourceName(i.source()),
          i.caller().name(), i.caller().phone(), i.description(), i.reportedBy(),
          i.assignments().stream().filter(a -> a.status().isCommitted()).map(a -> county.person(a.unitId())
              .map(Person::name).orElse(a.unitId())).distinct().collect(Collectors.joining("、")),
          SHEET_CLOCK.format(Instant.ofEpochMilli(i.updatedAtMs()).atZone(zone))));
      rows.add(row);
    }
    return new Sheet("警情", List.of("警情编号", "接警时间", "警情类型", "等级", "状态", "村(社区)", "乡镇", "辖区派出所",
        "警情来源", "报警人", "联系电话", "警情简要", "登记人", "出警警力", "最后更新"), rows);
  }

  static String typeName(IncidentType type) {
    return switch (type) {
      case FIRE -> "火灾";
      case TRAFFIC -> "交通";
      case SECURITY -> "治安";
      case RESCUE -> "救援";
      case OTHER -> "其他";
    };
  }

  static String statusName(IncidentStatus status) {
    return switch (status) {
      case NEW -> "新警情";
      case DISPATCHING -> "派警中";
      case ASSIGNED -> "已出警";
      case ON_SCENE -> "到场处置";
      case CLEARED -> "处警完毕待结案";
      case RESOLVED -> "处警完毕";
      case CLOSED -> "已结案";
      case CANCELLED -> "已撤销";
    };
  }

  static String sourceName(IncidentSource source) {
    return switch (source) {
      case CONSOLE -> "指挥中心接警";
      case API -> "系统接入";
      case DEVICE -> "终端上报";
      case TRANSFER_110 -> "110转警";
      case TRANSFER_119 -> "119转警";
      case TRANSFER_122 -> "122转警";
      case WALK_IN -> "来所报警";
    };
  }

  /** A place found by name or pinyin initials. */
  public static JsonObject place(Place p) {
    return new JsonObject().put("kind", p.kind().wire()).put("id", p.id()).put("name", p.name())
        .put("township", p.township()).put("initials", p.initials()).put("lat", p.at().lat()).put("lon", p.at().lon());
  }

  /**
   * An alert: a code with its parameters for consoles to render in their own language, the same
   * in plain English, and who acknowledged it when.
   */
  public static JsonObject alert(Alert a) {
    NewAlert r = a.raised();
    return new JsonObject().put("id", a.id()).put("at", a.atMs()).put("level", r.level().wire()).put("kind", r.kind())
        .put("code", r.code()).put("params", new JsonObject(r.params())).put("message", r.message())
        .put("stationId", r.stationId()).put("incidentId", r.incidentId()).put("unitId", r.unitId())
        .put("villageCode", r.villageCode()).put("acknowledged", a.isAcknowledged())
        .put("acknowledgedBy", a.isAcknowledged() ? a.acknowledged().by() : null)
        .put("acknowledgedAt", a.isAcknowledged() ? a.acknowledged().atMs() : null);
  }

  /** A timeline entry; a moved incident's entry names the villages it was moved from and to. */
  public static JsonObject event(IncidentEvent e, County county) {
    JsonObject details = new JsonObject(new LinkedHashMap<>(e.details()));
    if (e.kind() == EventKind.EDITED && "place".equals(details.getString("field"))) {
      details.put("from", place(county, details.getDouble("from_lat"), details.getDouble("from_lon")))
          .put("to", place(county, details.getDouble("to_lat"), details.getDouble("to_lon")));
    }
    return new JsonObject().put("seq", e.seq()).put("at", e.atMs()).put("event", e.kind().wire())
        .put("unitId", e.unitId()).put("actor", e.actor()).put("details", details);
  }

  /** A photo the field app took, without its bytes ({@code GET /api/photos/{id}} has them). */
  public static JsonObject photo(Photo p) {
    return new JsonObject().put("id", p.id()).put("unitId", p.unitId()).put("contentType", p.contentType())
        .put("size", p.sizeBytes()).put("uploadedAt", p.uploadedAtMs()).put("incidentId", p.incidentId());
  }

  /** Who a device token speaks for, as the field app shows it. */
  public static JsonObject fieldDevice(DeviceIdentity device, UnitView unit, String dutyPhone) {
    JsonObject o = new JsonObject().put("deviceId", device.deviceId()).put("unitId", device.unitId())
        .put("dutyPhone", dutyPhone);
    if (unit != null) {
      o.put("name", unit.person().name()).put("onDuty", unit.onDuty());
    }
    return o;
  }

  /** A way to go for the field app's map: {@code points} as [[lat, lon], ...]; {@code byRoad} false for the straight line. */
  public static JsonObject route(boolean byRoad, Trip trip, List<GeoPoint> points, String place) {
    JsonArray line = new JsonArray();
    points.forEach(p -> line.add(new JsonArray().add(p.lat()).add(p.lon())));
    return new JsonObject().put("byRoad", byRoad).put("distanceM", Math.round(trip.distanceM()))
        .put("etaMs", trip.etaMs()).put("points", line).put("place", place);
  }

  private static void putIfPresent(JsonObject o, String key, double v) {
    if (!Double.isNaN(v)) {
      o.put(key, v);
    }
  }

  public static JsonObject point(GeoPoint p) {
    return new JsonObject().put("lat", p.lat()).put("lon", p.lon());
  }

  /** An area's outline for a map: the outer ring of its largest polygon, as [[lat, lon], ...]. */
  private static JsonArray outline(Geometry shape) {
    Polygon largest = null;
    for (int i = 0; i < shape.getNumGeometries(); i++) {
      Polygon p = (Polygon) shape.getGeometryN(i);
      if (largest == null || p.getArea() > largest.getArea()) {
        largest = p;
      }
    }
    JsonArray a = new JsonArray();
    for (Coordinate c : largest.getExteriorRing().getCoordinates()) {
      a.add(new JsonArray().add(c.y).add(c.x));
    }
    return a;
  }

  /** A point well inside an area, where its label goes. */
  private static JsonObject center(Area area) {
    Coordinate c = area.shape().getInteriorPoint().getCoordinate();
    return new JsonObject().put("lat", c.y).put("lon", c.x);
  }

  /**
   * The organisation tree (stations hold offices, offices hold workstations, workstations their
   * village), with the townships and the villages and committees, each with its polygon
   * ({@code shape}, GeoJSON) beside the older {@code outline} and {@code center}.
   */
  public static JsonObject org(County c) {
    JsonArray townships = new JsonArray();
    c.townships().forEach(t -> townships.add(new JsonObject().put("id", t.code()).put("name", t.name())
        .put("kind", c.isUrban(t) ? "subdistrict" : "township").put("center", center(t)).put("outline", outline(t.shape()))
        .put("shape", GeoJson.geometry(t.shape()))));
    JsonArray villages = new JsonArray();
    c.villages().forEach(v -> villages.add(new JsonObject().put("id", v.code()).put("name", v.name())
        .put("kind", v.level().wire()).put("townshipId", v.parent()).put("center", center(v))
        .put("shape", GeoJson.geometry(v.shape()))));
    JsonArray stations = new JsonArray();
    c.stations().forEach(s -> {
      JsonArray offices = new JsonArray();
      c.officesOf(s.id()).forEach(o -> {
        JsonArray workstations = new JsonArray();
        c.workstationsOf(o.id()).forEach(w -> {
          JsonArray own = new JsonArray();
          c.area(w.villageId()).ifPresent(v -> own.add(new JsonObject().put("id", v.code()).put("name", v.name())
              .put("kind", v.level().wire()).put("townshipId", v.parent()).put("location", center(v))));
          workstations.add(new JsonObject().put("id", w.id()).put("name", w.name()).put("location", point(w.location()))
              .put("villageId", w.villageId()).put("villages", own));
        });
        offices.add(new JsonObject().put("id", o.id()).put("name", o.name()).put("location", point(o.location()))
            .put("villageIds", new JsonArray(o.villageIds())).put("workstations", workstations));
      });
      stations.add(new JsonObject().put("id", s.id()).put("name", s.name())
          .put("townshipId", s.townshipIds().isEmpty() ? null : s.townshipIds().get(0))
          .put("townshipIds", new JsonArray(s.townshipIds())).put("location", point(s.location())).put("offices", offices));
    });
    JsonObject county = new JsonObject().put("name", c.name()).put("center", point(c.center()));
    c.countyArea().ifPresent(a -> county.put("shape", GeoJson.geometry(a.shape())));
    return new JsonObject().put("county", county).put("townships", townships).put("villages", villages)
        .put("stations", stations);
  }

  /** A bearer token and whom it is for: the answer of a login (and of changing one's own password). */
  public static JsonObject login(String token, long expiresInSeconds, String username, String role,
                                 List<String> stations) {
    return new JsonObject().put("token", token).put("tokenType", "Bearer").put("expiresIn", expiresInSeconds)
        .put("role", role).put("stations", stations).put("username", username);
  }

  // ------------------------------------------------------------------ administration

  /**
   * One of the county's objects as administration shows it, with the fields of its bundle file
   * ({@code docs/county-bundle.md}); an area's polygon ({@code shape}, GeoJSON) only when asked.
   */
  public static JsonObject countyObject(Object value, boolean retired, boolean withShape) {
    JsonObject o;
    if (value instanceof Area a) {
      o = new JsonObject().put("code", a.code()).put("name", a.name()).put("level", a.level().wire())
          .put("parent", a.parent());
      if (withShape) {
        o.put("shape", GeoJson.geometry(a.shape()));
      }
    } else if (value instanceof Station s) {
      o = new JsonObject().put("code", s.id()).put("name", s.name()).put("lat", s.location().lat())
          .put("lon", s.location().lon()).put("townships", new JsonArray(s.townshipIds()));
    } else if (value instanceof Office f) {
      o = new JsonObject().put("code", f.id()).put("name", f.name()).put("station", f.stationId())
          .put("lat", f.location().lat()).put("lon", f.location().lon()).put("villages", new JsonArray(f.villageIds()));
    } else if (value instanceof Workstation w) {
      o = new JsonObject().put("code", w.id()).put("name", w.name()).put("office", w.officeId())
          .put("village", w.villageId()).put("lat", w.location().lat()).put("lon", w.location().lon());
    } else if (value instanceof Person p) {
      o = new JsonObject().put("id", p.id()).put("name", p.name()).put("kind", p.kind().wire()).put("phone", p.phone())
          .put("post", p.post()).put("office", p.officeId()).put("station", p.stationId());
    } else if (value instanceof Bundle.PersonRow p) {
      o = new JsonObject().put("id", p.id()).put("name", p.name()).put("kind", p.kind().wire()).put("phone", p.phone())
          .put("post", p.post());
    } else {
      Device d = (Device) value;
      o = new JsonObject().put("deviceId", d.id()).put("personId", d.personId());
    }
    return o.put("retired", retired);
  }

  /** A device with its secret's state (never the secret) and whether it is online now. */
  public static JsonObject device(Device d, boolean retired, Long secretIssuedAt, boolean online) {
    return countyObject(d, retired, false).put("hasSecret", secretIssuedAt != null)
        .put("secretIssuedAt", secretIssuedAt).put("online", online);
  }

  /**
   * A device's new secret, shown once, with what its set-up QR code says and the code as SVG.
   *
   * @param setup the text the QR code carries (server, device id and secret) for the field app
   */
  public static JsonObject deviceSecret(String deviceId, String secret, String setup, String qrSvg) {
    return new JsonObject().put("deviceId", deviceId).put("secret", secret).put("setup", setup).put("qrSvg", qrSvg);
  }

  /** One page of a longer list. */
  public static JsonObject page(List<JsonObject> items, long total, int limit, int offset) {
    return new JsonObject().put("items", new JsonArray(items)).put("total", total).put("limit", limit)
        .put("offset", offset);
  }

  public static JsonObject account(AccountRepository.AccountInfo a) {
    return new JsonObject().put("username", a.username()).put("role", a.role()).put("stations", a.stationIds())
        .put("createdAt", a.createdAtMs()).put("disabled", a.disabledAtMs() != null).put("disabledAt", a.disabledAtMs());
  }

  public static JsonObject auditEntry(AuditLog.Stored e) {
    return new JsonObject().put("id", e.id()).put("at", e.atMs()).put("actor", e.actor()).put("kind", e.kind())
        .put("action", e.action()).put("target", e.target()).put("details", e.details());
  }

  /** A problem of a county bundle: file, CSV line (0: none), GeoJSON feature (-1: none), field and message. */
  public static JsonObject problem(Problem p) {
    JsonObject o = new JsonObject().put("file", p.file()).put("line", p.line()).put("field", p.field())
        .put("message", p.message());
    return p.feature() >= 0 ? o.put("feature", p.feature()) : o;
  }

  /** What an import did (or, checked, would do), with the new devices' secrets, shown once. */
  public static JsonObject imported(ImportResult.Done done) {
    JsonArray secrets = new JsonArray();
    done.issued().byDevice().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> secrets.add(new JsonObject().put("deviceId", e.getKey()).put("secret", e.getValue())));
    return new JsonObject().put("checked", !done.written()).put("version", done.version())
        .put("summary", CountyImport.summaryJson(done.summary())).put("secrets", secrets);
  }

  /** Where an import on this node stands. */
  public static JsonObject importProgress(String id, String state, String stage, long done, long total, long startedAt,
                                          Long finishedAt) {
    return new JsonObject().put("id", id).put("state", state).put("stage", stage).put("done", done).put("total", total)
        .put("startedAt", startedAt).put("finishedAt", finishedAt);
  }
}
