package org.lamplight.domain.dispatch;

import org.lamplight.domain.org.UnitKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.lamplight.domain.geo.GeoPoint;
import org.lamplight.domain.road.RoadTravel.Trip;

/**
 * Orders the auxiliaries near an incident by estimated travel time, and says why the others were
 * passed over. Officers are not ranked: response plans notify or assign them. Units whose devices
 * cannot show an offer rank behind every unit that can: dispatch never waits on an offer nobody
 * sees, and phones them only when no other unit is left.
 *
 * <p>The eligible units nearest in a straight line ({@link RankingSettings#roadCandidates()} of
 * them) are timed by the {@link TravelTimeEstimator}, the rest along the straight line. When any
 * of the nearest went by road, the rest rank after them: a straight-line time would flatter them
 * against a real road time.
 */
public final class Ranking {

  /**
   * An auxiliary that may be offered the incident.
   *
   * @param distanceM straight-line distance to the incident
   * @param etaMs estimated travel time
   * @param travelM distance of the estimated trip: along the roads with the off-road stretches at
   *     either end, or the straight line
   * @param byRoad whether the estimate followed the roads
   */
  public record Candidate(UnitSnapshot unit, double distanceM, long etaMs, double travelM,
      boolean byRoad, boolean local) {}

  /**
   * What is being ranked for.
   *
   * @param onIncidentUnitIds units on this incident now or that took it and cleared; skipped
   * @param triedUnitIds units that declined, timed out or were released: never offered this
   *     incident again, counted as having declined
   * @param localWorkstationId the workstation nearest to the incident, or null
   */
  public record Query(double lat, double lon, double radiusM, long maxFixAgeMs,
      Set<String> onIncidentUnitIds, Set<String> triedUnitIds, String localWorkstationId, long nowMs) {}

  /**
   * @param eligible best first
   * @param stale otherwise eligible units whose position is too old to rank
   * @param passedOver how many units were passed over for each reason
   */
  public record Result(List<Candidate> eligible, List<UnitSnapshot> stale,
      Map<ShortfallReason, Integer> passedOver) {

    public Result {
      eligible = List.copyOf(eligible);
      stale = List.copyOf(stale);
      passedOver = Map.copyOf(passedOver);
    }

    /**
     * Why the incident is short of units: the most common reason units were passed over (ties go
     * to the reason declared first), or NO_CANDIDATES when nobody was. Units that are offline or
     * off duty stay where they were last seen, often many of them: they explain a shortfall only
     * when no unit that is on duty was passed over.
     *
     * @param lostClaims eligible units another incident claimed before this one could
     */
    public Shortfall shortfall(int lostClaims) {
      Map<ShortfallReason, Integer> counts = new EnumMap<>(ShortfallReason.class);
      counts.putAll(passedOver);
      if (lostClaims > 0) {
        counts.merge(ShortfallReason.ALL_BUSY, lostClaims, Integer::sum);
      }
      ShortfallReason reason = ShortfallReason.NO_CANDIDATES;
      int most = 0;
      for (Map.Entry<ShortfallReason, Integer> count : counts.entrySet()) {
        if (count.getKey() != ShortfallReason.OFFLINE && count.getValue() > most) {
          reason = count.getKey();
          most = count.getValue();
        }
      }
      if (most == 0 && counts.getOrDefault(ShortfallReason.OFFLINE, 0) > 0) {
        reason = ShortfallReason.OFFLINE;
      }
      return new Shortfall(reason, counts);
    }
  }

  /** Why an incident is short of units, and how many units near it were passed over for each reason. */
  public record Shortfall(ShortfallReason reason, Map<ShortfallReason, Integer> passedOver) {
    public Shortfall {
      Map<ShortfallReason, Integer> inOrder = new EnumMap<>(ShortfallReason.class);
      inOrder.putAll(passedOver);
      passedOver = Collections.unmodifiableMap(inOrder);
    }

    /** Too few accepted in the plan's time: nothing to count. */
    public static Shortfall noAcceptance() {
      return new Shortfall(ShortfallReason.NO_ACCEPTANCE, Map.of());
    }
  }

  private final RankingSettings settings;
  private final TravelTimeEstimator travelTimes;

  public Ranking(RankingSettings settings, TravelTimeEstimator travelTimes) {
    this.settings = settings;
    this.travelTimes = travelTimes;
  }

  /**
   * Filters and orders the nearby units.
   *
   * @param claimed whether another incident holds a unit
   */
  public Result rank(List<UnitSnapshot> nearby, Query query, Predicate<String> claimed) {
    Result sorted = sort(nearby, query, claimed);
    return new Result(ordered(new ArrayList<>(sorted.eligible()), query), sorted.stale(), sorted.passedOver());
  }

  /**
   * Why the incident is short of units: from the units on duty near it, whatever they are doing
   * (ranking looks only at those on no incident), and how many units near it are offline or off
   * duty (counted among {@code nearby}, whatever their state).
   */
  public Shortfall explain(List<UnitSnapshot> onDuty, List<UnitSnapshot> nearby, Query query, Predicate<String> claimed,
      int lostClaims) {
    Map<ShortfallReason, Integer> counts = new EnumMap<>(ShortfallReason.class);
    counts.putAll(sort(onDuty, query, claimed).passedOver());
    Integer offline = sort(nearby, query, claimed).passedOver().get(ShortfallReason.OFFLINE);
    if (offline != null) {
      counts.put(ShortfallReason.OFFLINE, offline);
    }
    return new Result(List.of(), List.of(), counts).shortfall(lostClaims);
  }

  /** The eligible units, unordered and not timed, and why the others were passed over. */
  private Result sort(List<UnitSnapshot> nearby, Query query, Predicate<String> claimed) {
    List<Candidate> eligible = new ArrayList<>();
    List<UnitSnapshot> stale = new ArrayList<>();
    Map<ShortfallReason, Integer> passedOver = new EnumMap<>(ShortfallReason.class);
    for (UnitSnapshot unit : nearby) {
      if (unit.kind() != UnitKind.AUXILIARY || query.onIncidentUnitIds().contains(unit.unitId())) {
        continue;
      }
      double distanceM = GeoPoint.distanceMeters(query.lat(), query.lon(), unit.lat(), unit.lon());
      ShortfallReason reason = query.triedUnitIds().contains(unit.unitId()) ? ShortfallReason.DECLINED
          : passOverReason(unit, distanceM, query, claimed);
      if (reason == null) {
        boolean local = unit.workstationId() != null
            && unit.workstationId().equals(query.localWorkstationId());
        eligible.add(straightLine(unit, distanceM, local));
      } else {
        passedOver.merge(reason, 1, Integer::sum);
        if (reason == ShortfallReason.STALE_LOCATIONS) {
          stale.add(unit);
        }
      }
    }
    return new Result(eligible, stale, passedOver);
  }

  private Candidate straightLine(UnitSnapshot unit, double distanceM, boolean local) {
    return new Candidate(unit, distanceM, Travel.straightLineMs(distanceM, settings.speedMps()), distanceM, false, local);
  }

  /** Times the nearest by the estimator and puts the candidates best first. */
  private List<Candidate> ordered(List<Candidate> eligible, Query query) {
    if (eligible.isEmpty()) {
      return eligible;
    }
    eligible.sort(Comparator.comparingDouble(Candidate::distanceM)
        .thenComparing(c -> c.unit().unitId()));
    int timed = Math.min(settings.roadCandidates(), eligible.size());
    TravelTimeEstimator.TravelTimes times = travelTimes.from(query.lat(), query.lon());
    boolean anyByRoad = false;
    for (int i = 0; i < timed; i++) {
      Candidate c = eligible.get(i);
      Optional<Trip> trip = times.to(c.unit().lat(), c.unit().lon());
      if (trip.isPresent()) {
        eligible.set(i, new Candidate(c.unit(), c.distanceM(), trip.get().etaMs(),
            trip.get().distanceM(), true, c.local()));
        anyByRoad = true;
      }
    }
    if (!anyByRoad) {
      eligible.sort(bestFirst(eligible));
      return reachableFirst(eligible);
    }
    List<Candidate> nearest = new ArrayList<>(eligible.subList(0, timed));
    List<Candidate> rest = new ArrayList<>(eligible.subList(timed, eligible.size()));
    nearest.sort(bestFirst(nearest));
    rest.sort(bestFirst(rest));
    nearest.addAll(rest);
    return reachableFirst(nearest);
  }

  /** The same order, except that units that cannot see an offer go after all that can. */
  private static List<Candidate> reachableFirst(List<Candidate> ordered) {
    List<Candidate> out = new ArrayList<>(ordered.size());
    ordered.stream().filter(c -> c.unit().canReceiveOffers()).forEach(out::add);
    ordered.stream().filter(c -> !c.unit().canReceiveOffers()).forEach(out::add);
    return out;
  }

  private static ShortfallReason passOverReason(UnitSnapshot unit, double distanceM, Query query,
      Predicate<String> claimed) {
    if (!unit.isAvailable()) {
      return ShortfallReason.OFFLINE;
    }
    if (claimed.test(unit.unitId())) {
      return ShortfallReason.ALL_BUSY;
    }
    if (distanceM > query.radiusM()) {
      return ShortfallReason.OUTSIDE_RADIUS;
    }
    if (!unit.hasFixWithin(query.maxFixAgeMs(), query.nowMs())) {
      return ShortfallReason.STALE_LOCATIONS;
    }
    return null;
  }

  /**
   * Shortest estimate first, except that local units within the slack of the best go before
   * everyone: the auxiliary of the village's own workstation knows the place.
   */
  private Comparator<Candidate> bestFirst(List<Candidate> candidates) {
    long bestEtaMs = candidates.stream().mapToLong(Candidate::etaMs).min().orElse(0);
    long slackMs = Math.max(settings.localSlackMs(), Math.round(bestEtaMs * settings.localSlackRatio()));
    Predicate<Candidate> preferred = c -> c.local() && c.etaMs() <= bestEtaMs + slackMs;
    return Comparator.comparing((Candidate c) -> !preferred.test(c))
        .thenComparingLong(Candidate::etaMs)
        .thenComparing(c -> c.unit().unitId());
  }
}
