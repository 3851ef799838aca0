package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.org.County;
import org.lamplight.patrol.CoverageFigures;
import org.lamplight.patrol.CoverageLevel;
import org.lamplight.patrol.DailyCoverage;
import org.lamplight.patrol.RecomputeStatus;

/**
 * The JSON shapes and export sheets of the patrol and evaluation section: coverage, the ledger and
 * the monthly evaluation. Services hand over records; only this class turns them into what
 * clients see. Times are epoch milliseconds, durations whole minutes, shares 0..1.
 */
public final class PatrolViews {

  private static final long MINUTE = 60_000;

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
