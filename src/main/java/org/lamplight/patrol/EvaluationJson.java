package org.lamplight.patrol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.lamplight.domain.evaluation.EvaluationMonth;
import org.lamplight.domain.evaluation.Indicator;
import org.lamplight.domain.evaluation.Inspection;
import org.lamplight.domain.evaluation.MonthlyEvaluation;
import org.lamplight.domain.evaluation.OfficeStanding;
import org.lamplight.domain.evaluation.Scorecard;
import org.lamplight.domain.evaluation.Standing;
import org.lamplight.domain.evaluation.Subject;
import org.lamplight.domain.evaluation.SubjectFacts;
import org.lamplight.domain.evaluation.SubjectKind;
import org.lamplight.domain.evaluation.Tier;
import org.lamplight.domain.ledger.HazardTally;
import org.lamplight.domain.ledger.LedgerCounts;
import org.lamplight.domain.ledger.LedgerKind;

/** A closed month's evaluation as stored: every figure it was closed with, read back unchanged. */
final class EvaluationJson {

  private EvaluationJson() {
  }

  static JsonObject encode(MonthlyEvaluation e) {
    JsonArray offices = new JsonArray();
    e.offices().forEach(o -> offices.add(standing(o.standing()).put("tier", o.tier().wire())
        .put("amountYuan", o.amountYuan()).put("rotationDue", o.rotationDue())));
    return new JsonObject().put("month", e.month().toString()).put("closingDay", e.month().closingDay())
        .put("offices", offices).put("workstations", standings(e.workstations()))
        .put("officers", standings(e.officers())).put("auxiliaries", standings(e.auxiliaries()));
  }

  static MonthlyEvaluation decode(JsonObject json) {
    EvaluationMonth month = EvaluationMonth.parse(json.getString("month"), json.getInteger("closingDay"));
    List<OfficeStanding> offices = new ArrayList<>();
    for (Object o : json.getJsonArray("offices")) {
      JsonObject office = (JsonObject) o;
      offices.add(new OfficeStanding(standing(office), Tier.fromWire(office.getString("tier")),
          office.getInteger("amountYuan"), office.getBoolean("rotationDue")));
    }
    return new MonthlyEvaluation(month, offices, standings(json.getJsonArray("workstations")),
        standings(json.getJsonArray("officers")), standings(json.getJsonArray("auxiliaries")));
  }

  private static JsonArray standings(List<Standing> standings) {
    JsonArray out = new JsonArray();
    standings.forEach(s -> out.add(standing(s)));
    return out;
  }

  private static List<Standing> standings(JsonArray json) {
    List<Standing> out = new ArrayList<>();
    json.forEach(s -> out.add(standing((JsonObject) s)));
    return out;
  }

  private static JsonObject standing(Standing s) {
    SubjectFacts f = s.facts();
    Subject subject = f.subject();
    JsonObject ledger = new JsonObject();
    f.ledger().byKind().forEach((kind, n) -> ledger.put(kind.wire(), n));
    HazardTally h = f.hazards();
    JsonObject points = new JsonObject();
    s.card().points().forEach((indicator, p) -> points.put(indicator.wire(), p));
    return new JsonObject()
        .put("subject", new JsonObject().put("id", subject.id()).put("kind", subject.kind().wire())
            .put("villages", new JsonArray(List.copyOf(subject.villages()))).put("units", new JsonArray(List.copyOf(subject.units()))))
        .put("villageDays", f.villageDays()).put("villageDaysMet", f.villageDaysMet()).put("onDutyMs", f.onDutyMs())
        .put("onPostMs", f.onPostMs()).put("patrolMs", f.patrolMs()).put("distanceM", f.distanceM())
        .put("offers", f.offers()).put("offersAccepted", f.offersAccepted())
        .put("medianAcceptMs", orNull(f.medianAcceptMs())).put("medianArriveMs", orNull(f.medianArriveMs()))
        .put("ledger", ledger)
        .put("hazards", new JsonArray(List.of(h.reported(), h.notAHazard(), h.due(), h.onTime(), h.rectified(), h.verified())))
        .put("inspection", f.inspection().map(i -> new JsonArray(List.of(i.hardware(), i.housekeeping(), i.ledgers())))
            .orElse(null))
        .put("points", points).put("missing", new JsonArray(s.card().missing().stream().map(Indicator::wire).sorted().toList()))
        .put("score", s.score()).put("rank", s.rank());
  }

  private static Standing standing(JsonObject json) {
    JsonObject s = json.getJsonObject("subject");
    Subject subject = new Subject(s.getString("id"), SubjectKind.fromWire(s.getString("kind")),
        strings(s.getJsonArray("villages")), strings(s.getJsonArray("units")));
    Map<LedgerKind, Integer> ledger = new EnumMap<>(LedgerKind.class);
    json.getJsonObject("ledger").forEach(e -> ledger.put(LedgerKind.fromWire(e.getKey()), ((Number) e.getValue()).intValue()));
    JsonArray h = json.getJsonArray("hazards");
    JsonArray i = json.getJsonArray("inspection");
    Optional<Inspection> inspection = i == null ? Optional.empty()
        : Optional.of(new Inspection(subject.id(), i.getDouble(0), i.getDouble(1), i.getDouble(2)));
    SubjectFacts facts = new SubjectFacts(subject, json.getInteger("villageDays"), json.getInteger("villageDaysMet"),
        json.getLong("onDutyMs"), json.getLong("onPostMs"), json.getLong("patrolMs"), json.getDouble("distanceM"),
        json.getInteger("offers"), json.getInteger("offersAccepted"), optional(json.getLong("medianAcceptMs")),
        optional(json.getLong("medianArriveMs")), new LedgerCounts(ledger),
        new HazardTally(h.getInteger(0), h.getInteger(1), h.getInteger(2), h.getInteger(3), h.getInteger(4), h.getInteger(5)),
        inspection);
    Map<Indicator, Double> points = new EnumMap<>(Indicator.class);
    json.getJsonObject("points").forEach(e -> points.put(Indicator.fromWire(e.getKey()), ((Number) e.getValue()).doubleValue()));
    Set<Indicator> missing = EnumSet.noneOf(Indicator.class);
    json.getJsonArray("missing").forEach(m -> missing.add(Indicator.fromWire((String) m)));
    return new Standing(facts, new Scorecard(points, missing, json.getDouble("score")), json.getInteger("rank"));
  }

  private static Set<String> strings(JsonArray a) {
    return Set.copyOf(a.stream().map(String.class::cast).toList());
  }

  private static Long orNull(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static OptionalLong optional(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
