package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.patrol.CoverageFigures;
import org.lamplight.patrol.CoverageLevel;
import org.lamplight.patrol.DailyCoverage;
import org.lamplight.patrol.HazardRecord;
import org.lamplight.patrol.LedgerRecord;
import org.lamplight.patrol.OfficeLedger;
import org.lamplight.patrol.RecomputeStatus;

/**
 * The JSON shapes and export sheets of the patrol and evaluation section: coverage, the ledger and
 * the monthly evaluation. Services hand over records; only this class turns them into what
 * clients see. Times are epoch milliseconds, durations whole minutes, shares 0..1.
 */
public final class PatrolViews {

  private static final long MINUTE = 60_000;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private PatrolViews() {
  }

  public static JsonObject coverage(CoverageFigures f, CoverageLevel level) {
    return new JsonObject().put("code", f.code()).put("name", f.name()).put("level", level.wire())
        .put("stationId", f.stationId())
        .put("minutes", minutes(f.presenceMs())).put("visits", f.visits()).put("units", f.units())
        .put("lastVisit", orNull(f.lastVisitMs())).put("requirementMet", f.requirementMet())
        .put("days", f.villageDays()).put("daysMet", f.villageDaysMet()).put("shareMet", share(f.villageDaysMet(), f.villageDays()))
        .put("onDutyMinutes", minutes(f.onDutyMs())).put("onPostMinutes", minutes(f.onPostMs()))
        .put("patrolMinutes", minutes(f.patrolMs())).put("shareOnPost", share(f.onPostMs(), f.onDutyMs()))
        .put("distanceKm", Math.round(f.distanceM() / 100.0) / 10.0);
  }

  public static Sheet coverageSheet(List<CoverageFigures> figures, CoverageLevel level) {
    List<List<Object>> rows = new ArrayList<>();
    for (CoverageFigures f : figures) {
      rows.add(List.of(f.code(), f.name(), minutes(f.presenceMs()), f.visits(), f.units(), f.villageDaysMet(),
          f.villageDays(), f.requirementMet() ? "是" : "否", minutes(f.onDutyMs()), minutes(f.onPostMs()),
          minutes(f.patrolMs()), Math.round(f.distanceM() / 100.0) / 10.0));
    }
    return new Sheet("巡逻覆盖", List.of(levelHeader(level), "名称", "在村时间(分钟)", "巡查次数", "到村警力(人)",
        "达标村日", "村日", "全部达标", "在岗时间(分钟)", "岗位村时间(分钟)", "外村巡逻(分钟)", "里程(公里)"), rows);
  }

  private static String levelHeader(CoverageLevel level) {
    return switch (level) {
      case VILLAGE -> "村(社区)代码";
      case WORKSTATION -> "警务工作站代码";
      case OFFICE -> "警务室代码";
      case STATION -> "派出所代码";
      case UNIT -> "警员编号";
    };
  }

  public static JsonObject daily(DailyCoverage d) {
    return new JsonObject().put("day", d.day().toString()).put("villages", d.villages())
        .put("villagesMet", d.villagesMet()).put("shareMet", d.shareMet()).put("visits", d.visits());
  }

  /** The default and every village set apart from it, with its name. */
  public static JsonObject requirements(PatrolRequirements r, County county) {
    JsonArray villages = new JsonArray();
    r.byVillage().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> villages.add(
        new JsonObject().put("village", e.getKey()).put("name", county.area(e.getKey()).map(a -> a.name()).orElse(e.getKey()))
            .put("visitsPerDay", e.getValue())));
    return new JsonObject().put("visitsPerDay", r.visitsPerDay()).put("villages", villages);
  }

  public static JsonObject recompute(RecomputeStatus s) {
    return new JsonObject().put("from", s.first().toString()).put("to", s.last().toString()).put("state", s.state().wire())
        .put("by", s.by()).put("startedAt", s.startedAtMs()).put("finishedAt", s.finishedAtMs() == 0 ? null : s.finishedAtMs())
        .put("fixes", s.fixes()).put("villageDays", s.villageDays()).put("unitDays", s.unitDays())
        .put("message", s.message());
  }

  public static JsonObject ledgerEntry(LedgerRecord r, County county) {
    LedgerEntry e = r.entry();
    return new JsonObject().put("id", e.id()).put("kind", e.kind().wire()).put("unitId", e.unitId())
        .put("unitName", county.person(e.unitId()).map(Person::name).orElse(e.unitId()))
        .put("village", e.village()).put("villageName", villageName(county, e.village())).put("at", e.atMs())
        .put("count", e.count()).put("lat", Double.isNaN(e.lat()) ? null : e.lat())
        .put("lon", Double.isNaN(e.lon()) ? null : e.lon()).put("note", e.note()).put("source", r.source())
        .put("clientId", r.clientId()).put("photoId", r.photoId()).put("recordedBy", r.recordedBy())
        .put("recordedAt", r.recordedAtMs()).put("duplicate", r.duplicate());
  }

  public static Sheet ledgerSheet(List<LedgerRecord> records, County county, ZoneId zone) {
    List<List<Object>> rows = new ArrayList<>();
    for (LedgerRecord r : records) {
      LedgerEntry e = r.entry();
      Person p = county.person(e.unitId()).orElse(null);
      rows.add(List.of(CLOCK.format(Instant.ofEpochMilli(e.atMs()).atZone(zone)), kindName(e.kind()), e.unitId(),
          p == null ? "" : p.name(), p == null ? "" : p.officeId(), e.village(), villageName(county, e.village()),
          e.count(), e.note(), "device".equals(r.source()) ? "终端" : "指挥台"));
    }
    return new Sheet("工作台账", List.of("时间", "类别", "警员编号", "姓名", "警务室", "村(社区)代码", "村(社区)", "数量",
        "备注", "来源"), rows);
  }

  /** The ledger's kinds as a county office names them. */
  static String kindName(LedgerKind kind) {
    return switch (kind) {
      case HOUSEHOLD_VISIT -> "入户走访";
      case FIRE_HAZARD -> "火灾隐患";
      case TRAFFIC_HAZARD -> "交通隐患";
      case SECURITY_HAZARD -> "治安隐患";
      case DISPUTE_MEDIATED -> "矛盾纠纷调解";
      case SAFETY_TALK -> "安全宣传";
      case OTHER -> "其他";
    };
  }

  public static JsonObject hazard(HazardRecord r, County county, String stationId, long nowMs) {
    Hazard h = r.hazard();
    JsonArray steps = new JsonArray();
    r.steps().forEach(s -> steps.add(new JsonObject().put("seq", s.seq()).put("action", s.action().wire())
        .put("by", s.by()).put("at", s.atMs()).put("deadline", orNull(s.deadlineMs())).put("note", s.note())));
    return new JsonObject().put("id", h.id()).put("kind", h.kind().wire()).put("village", h.village())
        .put("villageName", villageName(county, h.village())).put("stationId", stationId)
        .put("description", h.description()).put("status", h.status().wire()).put("reportedAt", h.reportedAtMs())
        .put("reportedBy", h.reportedBy()).put("deadline", orNull(h.deadlineMs()))
        .put("rectifiedAt", orNull(h.rectifiedAtMs())).put("closedAt", orNull(h.closedAtMs()))
        .put("overdue", h.status() == HazardStatus.ORDERED && h.isOverdueAt(nowMs))
        .put("rectifiedOnTime", h.wasRectifiedOnTime()).put("steps", steps);
  }

  public static JsonObject officeLedger(OfficeLedger o) {
    JsonObject work = new JsonObject();
    for (LedgerKind kind : LedgerKind.values()) {
      work.put(kind.wire(), o.work().of(kind));
    }
    HazardTally t = o.hazards();
    return new JsonObject().put("officeId", o.officeId()).put("name", o.name()).put("stationId", o.stationId())
        .put("work", work).put("hazards", new JsonObject().put("reported", t.reported()).put("notAHazard", t.notAHazard())
            .put("due", t.due()).put("onTime", t.onTime()).put("late", t.late()).put("rectified", t.rectified())
            .put("verified", t.verified()).put("onTimeRate", t.onTimeRate().isPresent() ? t.onTimeRate().getAsDouble() : null));
  }

  private static String villageName(County county, String code) {
    return county.area(code).map(Area::name).orElse(code);
  }

  static long minutes(long ms) {
    return Math.round(ms / (double) MINUTE);
  }

  /** part ÷ whole to three decimals; null when there is nothing to share. */
  static Double share(double part, double whole) {
    return whole == 0 ? null : Math.round(part / whole * 1000) / 1000.0;
  }

  static Long orNull(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }
}
