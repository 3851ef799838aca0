package org.lamplight.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.List;
import java.util.OptionalLong;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.coverage.PatrolRequirements;
import org.lamplight.domain.coverage.UnitDay;
import org.lamplight.domain.coverage.VillageDay;
import org.lamplight.domain.evaluation.Indicator;
import org.lamplight.domain.evaluation.MonthlyEvaluation;
import org.lamplight.domain.evaluation.OfficeStanding;
import org.lamplight.domain.evaluation.Standing;
import org.lamplight.domain.evaluation.Subject;
import org.lamplight.domain.evaluation.SubjectFacts;
import org.lamplight.domain.evaluation.SubjectKind;
import org.lamplight.domain.evaluation.Tier;
import org.lamplight.domain.evaluation.YearRanking;
import org.lamplight.domain.ledger.Hazard;
import org.lamplight.domain.ledger.HazardStatus;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerEntry;
import org.lamplight.domain.ledger.LedgerKind;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Person;
import org.lamplight.patrol.CoverageFigures;
import org.lamplight.patrol.CoverageLevel;
import org.lamplight.patrol.DailyCoverage;
import org.lamplight.patrol.EvaluationSheet;
import org.lamplight.patrol.YearRankings;
import org.lamplight.patrol.HazardRecord;
import org.lamplight.patrol.LedgerRecord;
import org.lamplight.patrol.OfficeLedger;
import org.lamplight.patrol.PatrolStatus;
import org.lamplight.patrol.RecomputeStatus;
import org.lamplight.patrol.UnitDayCoverage;
import org.lamplight.store.IncidentRepository.OfferAnswer;

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

  /** A village on the live map: hours since its last visit (null: never visited) against its window. */
  public static JsonObject patrolStatus(PatrolStatus s, long nowMs) {
    return new JsonObject().put("village", s.village()).put("name", s.name()).put("stationId", s.stationId())
        .put("lastVisit", orNull(s.lastVisitMs()))
        .put("hoursSince", s.lastVisitMs().isPresent() ? Math.round((nowMs - s.lastVisitMs().getAsLong()) / 360_000.0) / 10.0 : null)
        .put("windowHours", s.windowMs() == Long.MAX_VALUE ? null : s.windowMs() / 3_600_000.0)
        .put("overdue", s.overdueAt(nowMs));
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

  /**
   * A unit's own day for the field app: the offers it answered, its time on duty, on post and in
   * each village (its post villages first, then by time), the ledger entries it filed by kind and
   * the hazards of its post villages still awaiting rectification.
   *
   * @param stationOfVillage the station whose dispatchers follow a village's hazards
   */
  public static JsonObject fieldDay(LocalDate day, String unitId, List<OfferAnswer> answers, UnitDayCoverage coverage,
                                    List<LedgerRecord> entries, List<Hazard> hazards,
                                    Function<String, String> stationOfVillage, County county, long nowMs) {
    JsonArray answered = new JsonArray();
    answers.forEach(a -> answered.add(new JsonObject().put("incidentId", a.incidentId())
        .put("incidentNumber", a.incidentNumber()).put("type", a.type().wire())
        .put("answer", a.accepted() ? "accepted" : "declined").put("at", a.atMs()).put("reason", a.reason())));
    UnitDay d = coverage.day();
    JsonArray villages = new JsonArray();
    coverage.villages().stream()
        .sorted(Comparator.comparing((VillageDay v) -> !coverage.postVillages().contains(v.village()))
            .thenComparing(VillageDay::presenceMs, Comparator.reverseOrder()))
        .forEach(v -> villages.add(new JsonObject().put("village", v.village())
            .put("villageName", villageName(county, v.village())).put("onPost", coverage.postVillages().contains(v.village()))
            .put("minutes", minutes(v.presenceMs())).put("visits", v.visits())));
    Map<LedgerKind, Integer> filed = new EnumMap<>(LedgerKind.class);
    entries.forEach(e -> filed.merge(e.entry().kind(), 1, Integer::sum));
    LedgerCounts counted = LedgerCounts.of(entries.stream().map(LedgerRecord::entry).toList(), Long.MIN_VALUE,
        Long.MAX_VALUE);
    JsonArray ledger = new JsonArray();
    filed.forEach((kind, n) -> ledger.add(new JsonObject().put("kind", kind.wire()).put("entries", n)
        .put("count", counted.of(kind))));
    JsonArray awaiting = new JsonArray();
    hazards.forEach(h -> awaiting.add(hazard(new HazardRecord(h, List.of()), county, stationOfVillage.apply(h.village()),
        nowMs)));
    return new JsonObject().put("day", day.toString()).put("unitId", unitId)
        .put("offers", new JsonObject().put("accepted", answers.stream().filter(OfferAnswer::accepted).count())
            .put("declined", answers.stream().filter(a -> !a.accepted()).count()).put("answers", answered))
        .put("onDutyMinutes", minutes(d.onDutyMs())).put("onPostMinutes", minutes(d.onPostMs()))
        .put("patrolMinutes", minutes(d.patrolMs())).put("distanceM", Math.round(d.distanceM()))
        .put("visits", d.visits())
        .put("postVillages", new JsonArray(coverage.postVillages().stream().sorted()
            .map(v -> new JsonObject().put("village", v).put("villageName", villageName(county, v))).toList()))
        .put("villages", villages).put("ledger", ledger).put("hazards", awaiting);
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

  /**
   * A month's evaluation: per station a summary, then offices, workstations, officers and
   * auxiliaries in rank order, those the caller may see (ranks stay the county's).
   */
  public static JsonObject evaluation(EvaluationSheet sheet, County county, Predicate<String> seesStation) {
    MonthlyEvaluation e = sheet.evaluation();
    JsonArray offices = new JsonArray();
    Map<String, List<OfficeStanding>> byStation = new LinkedHashMap<>();
    for (OfficeStanding o : e.offices()) {
      String station = stationOf(county, o.standing().subject());
      if (seesStation.test(station)) {
        offices.add(standing(o.standing(), county).put("tier", o.tier().wire()).put("tierName", tierName(o.tier()))
            .put("amount", o.amountYuan()).put("rotationDue", o.rotationDue()));
        byStation.computeIfAbsent(station, k -> new ArrayList<>()).add(o);
      }
    }
    JsonArray stations = new JsonArray();
    county.stations().stream().filter(st -> byStation.containsKey(st.id())).forEach(st -> {
      List<OfficeStanding> own = byStation.get(st.id());
      JsonObject tiers = new JsonObject();
      for (Tier tier : Tier.values()) {
        tiers.put(tier.wire(), own.stream().filter(o -> o.tier() == tier).count());
      }
      stations.add(new JsonObject().put("id", st.id()).put("name", st.name()).put("offices", own.size()).put("tiers", tiers)
          .put("amount", own.stream().mapToInt(OfficeStanding::amountYuan).sum())
          .put("meanScore", Math.round(own.stream().mapToDouble(o -> o.standing().score()).average().orElse(0) * 10) / 10.0));
    });
    return new JsonObject().put("month", e.month().toString()).put("from", e.month().firstDay().toString())
        .put("to", e.month().lastDay().toString()).put("closed", sheet.closed()).put("closedBy", sheet.closedBy())
        .put("closedAt", sheet.closed() ? sheet.closedAtMs() : null)
        .put("missingInspections", new JsonArray(e.missingInspections().stream()
            .filter(id -> seesStation.test(stationOfPost(county, id))).toList()))
        .put("stations", stations).put("offices", offices)
        .put("workstations", standings(e.workstations(), county, seesStation))
        .put("officers", standings(e.officers(), county, seesStation))
        .put("auxiliaries", standings(e.auxiliaries(), county, seesStation));
  }

  private static JsonArray standings(List<Standing> standings, County county, Predicate<String> seesStation) {
    JsonArray out = new JsonArray();
    standings.stream().filter(s -> seesStation.test(stationOf(county, s.subject()))).forEach(s -> out.add(standing(s, county)));
    return out;
  }

  private static JsonObject standing(Standing s, County county) {
    Subject subject = s.subject();
    SubjectFacts f = s.facts();
    JsonObject indicators = new JsonObject();
    s.card().points().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(p -> indicators.put(p.getKey().wire(), Math.round(p.getValue() * 10) / 10.0));
    JsonObject ledger = new JsonObject();
    for (LedgerKind kind : LedgerKind.values()) {
      ledger.put(kind.wire(), f.ledger().of(kind));
    }
    HazardTally h = f.hazards();
    JsonObject facts = new JsonObject().put("villageDays", f.villageDays()).put("villageDaysMet", f.villageDaysMet())
        .put("coverageShare", share(f.villageDaysMet(), f.villageDays()))
        .put("onDutyMinutes", minutes(f.onDutyMs())).put("onPostMinutes", minutes(f.onPostMs()))
        .put("presenceShare", share(f.onPostMs(), f.onDutyMs())).put("patrolMinutes", minutes(f.patrolMs()))
        .put("distanceKm", Math.round(f.distanceM() / 100.0) / 10.0)
        .put("offers", f.offers()).put("offersAccepted", f.offersAccepted())
        .put("acceptedShare", share(f.offersAccepted(), f.offers()))
        .put("medianAcceptSeconds", seconds(f.medianAcceptMs())).put("medianArriveSeconds", seconds(f.medianArriveMs()))
        .put("ledger", ledger)
        .put("hazards", new JsonObject().put("reported", h.reported()).put("due", h.due()).put("onTime", h.onTime())
            .put("rectified", h.rectified()).put("onTimeRate", h.onTimeRate().isPresent() ? h.onTimeRate().getAsDouble() : null))
        .put("inspection", f.inspection().map(i -> new JsonObject().put("hardware", i.hardware())
            .put("housekeeping", i.housekeeping()).put("ledgers", i.ledgers())).orElse(null));
    JsonObject out = new JsonObject().put("id", subject.id()).put("name", nameOf(county, subject))
        .put("kind", subject.kind().wire()).put("stationId", stationOf(county, subject))
        .put("score", s.score()).put("rank", s.rank()).put("indicators", indicators)
        .put("missing", new JsonArray(s.card().missing().stream().map(Indicator::wire).sorted().toList()))
        .put("facts", facts);
    switch (subject.kind()) {
      case WORKSTATION -> county.workstation(subject.id()).ifPresent(w -> out.put("officeId", w.officeId()));
      case OFFICER, AUXILIARY -> county.person(subject.id()).ifPresent(p -> out.put("officeId", p.officeId())
          .put("workstationId", p.workstationId()));
      default -> {
        // an office hangs from its station
      }
    }
    return out;
  }

  /** The month's evaluation as the county office files it: offices, workstations, officers and auxiliaries. */
  public static List<Sheet> evaluationSheets(EvaluationSheet sheet, County county, Predicate<String> seesStation) {
    MonthlyEvaluation e = sheet.evaluation();
    List<List<Object>> offices = new ArrayList<>();
    for (OfficeStanding o : e.offices()) {
      Standing s = o.standing();
      if (seesStation.test(stationOf(county, s.subject()))) {
        List<Object> row = new ArrayList<>(sheetRow(s, county));
        row.addAll(List.of(tierName(o.tier()), o.amountYuan(), o.rotationDue() ? "是" : ""));
        offices.add(row);
      }
    }
    List<String> head = List.of("排名", "代码", "名称", "派出所", "得分", "见警率(%)", "在岗在位(%)", "接警率(%)",
        "接警时间中位数(秒)", "到场时间中位数(分钟)", "入户走访", "安全宣传", "隐患应整改", "按期整改", "硬件", "内务", "台账检查", "缺数据指标");
    List<String> officeHead = new ArrayList<>(head);
    officeHead.addAll(List.of("等次", "金额(元)", "连续三类"));
    return List.of(new Sheet("警务室考核", officeHead, offices),
        new Sheet("警务工作站考核", head, rows(e.workstations(), county, seesStation)),
        new Sheet("民警考核", head, rows(e.officers(), county, seesStation)),
        new Sheet("辅警考核", head, rows(e.auxiliaries(), county, seesStation)));
  }

  private static List<List<Object>> rows(List<Standing> standings, County county, Predicate<String> seesStation) {
    return standings.stream().filter(s -> seesStation.test(stationOf(county, s.subject())))
        .map(s -> sheetRow(s, county)).toList();
  }

  private static List<Object> sheetRow(Standing s, County county) {
    SubjectFacts f = s.facts();
    String station = stationOf(county, s.subject());
    List<Object> row = new ArrayList<>();
    row.add(s.rank());
    row.add(s.subject().id());
    row.add(nameOf(county, s.subject()));
    row.add(station == null ? "" : county.station(station).map(st -> st.name()).orElse(station));
    row.add(s.score());
    row.add(percent(f.villageDaysMet(), f.villageDays()));
    row.add(percent(f.onPostMs(), f.onDutyMs()));
    row.add(percent(f.offersAccepted(), f.offers()));
    row.add(seconds(f.medianAcceptMs()));
    Long arrive = seconds(f.medianArriveMs());
    row.add(arrive == null ? null : Math.round(arrive / 6.0) / 10.0);
    row.add(f.ledger().of(LedgerKind.HOUSEHOLD_VISIT));
    row.add(f.ledger().of(LedgerKind.SAFETY_TALK));
    row.add(f.hazards().due());
    row.add(f.hazards().onTime());
    row.add(f.inspection().map(i -> (Object) i.hardware()).orElse(null));
    row.add(f.inspection().map(i -> (Object) i.housekeeping()).orElse(null));
    row.add(f.inspection().map(i -> (Object) i.ledgers()).orElse(null));
    row.add(String.join("、", s.card().missing().stream().sorted().map(PatrolViews::indicatorName).toList()));
    return row;
  }

  static String indicatorName(Indicator indicator) {
    return switch (indicator) {
      case VILLAGE_COVERAGE -> "见警率";
      case PRESENCE_ON_POST -> "在岗在位";
      case OFFERS_ACCEPTED -> "接警率";
      case TIME_TO_ACCEPT -> "接警时间";
      case TIME_TO_ARRIVE -> "到场时间";
      case LEDGER_WORK -> "台账工作量";
      case HAZARDS_ON_TIME -> "隐患按期整改";
      case INSPECTION_HARDWARE -> "硬件";
      case INSPECTION_HOUSEKEEPING -> "内务";
      case INSPECTION_LEDGERS -> "台账检查";
    };
  }

  static String tierName(Tier tier) {
    return switch (tier) {
      case FIRST -> "一类";
      case SECOND -> "二类";
      case THIRD -> "三类";
    };
  }

  /** The year's best offices, officers and auxiliaries, those the caller may see. */
  public static JsonObject ranking(YearRankings r, County county, Predicate<String> seesStation) {
    return new JsonObject().put("year", r.year())
        .put("offices", places(r.offices(), county, SubjectKind.OFFICE, seesStation))
        .put("officers", places(r.officers(), county, SubjectKind.OFFICER, seesStation))
        .put("auxiliaries", places(r.auxiliaries(), county, SubjectKind.AUXILIARY, seesStation));
  }

  private static JsonArray places(List<YearRanking.Place> places, County county, SubjectKind kind,
                                  Predicate<String> seesStation) {
    JsonArray out = new JsonArray();
    for (YearRanking.Place p : places) {
      Subject subject = new Subject(p.subject(), kind, Set.of(), Set.of());
      String station = stationOf(county, subject);
      if (seesStation.test(station)) {
        out.add(new JsonObject().put("rank", p.rank()).put("id", p.subject()).put("name", nameOf(county, subject))
            .put("stationId", station).put("meanScore", p.meanScore()).put("months", p.months()));
      }
    }
    return out;
  }

  private static String stationOf(County county, Subject subject) {
    return switch (subject.kind()) {
      case OFFICE, WORKSTATION -> stationOfPost(county, subject.id());
      case OFFICER, AUXILIARY -> county.person(subject.id()).map(Person::stationId).orElse(null);
    };
  }

  /** The station of an office or workstation. */
  private static String stationOfPost(County county, String id) {
    Optional<String> office = county.office(id).map(o -> o.id())
        .or(() -> county.workstation(id).map(w -> w.officeId()));
    return office.flatMap(county::office).map(o -> o.stationId()).orElse(null);
  }

  private static String nameOf(County county, Subject subject) {
    return switch (subject.kind()) {
      case OFFICE -> county.office(subject.id()).map(o -> o.name()).orElse(subject.id());
      case WORKSTATION -> county.workstation(subject.id()).map(w -> w.name()).orElse(subject.id());
      case OFFICER, AUXILIARY -> county.person(subject.id()).map(Person::name).orElse(subject.id());
    };
  }

  private static Long seconds(OptionalLong ms) {
    return ms.isPresent() ? Math.round(ms.getAsLong() / 1000.0) : null;
  }

  private static Double percent(double part, double whole) {
    return whole == 0 ? null : Math.round(part / whole * 1000) / 10.0;
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
