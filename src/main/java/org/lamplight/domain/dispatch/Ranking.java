package org.lamplight.domain.dispatch;

import org.lamplight.domain.org.UnitKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.lamplight.domain.geo.GeoPoint;

/**
 * Orders the auxiliaries near an incident by estimated travel time, and says why the others were
 * passed over. Officers are not ranked: response plans notify or assign them.
 */
public final class Ranking {

  /** An auxiliary that may be offered the incident. */
  public record Candidate(UnitSnapshot unit, double distanceM, long etaMs, boolean local) {}

  /**
   * What is being ranked for.
   *
   * @param excludedUnitIds units already on or tried for this incident; skipped without counting
   * @param localWorkstationId the workstation nearest to the incident, or null
   */
  public record Query(double lat, double lon, double radiusM, long maxFixAgeMs,
      Set<String> excludedUnitIds, String localWorkstationId, long nowMs) {}

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
     * to the reason declared first), or NO_CANDIDATES when nobody was.
     *
     * @param lostClaims eligible units another incident claimed before this one could
     */
    public ShortfallReason shortfallReason(int lostClaims) {
      Map<ShortfallReason, Integer> counts = new EnumMap<>(ShortfallReason.class);
      counts.putAll(passedOver);
      if (lostClaims > 0) {
        counts.merge(ShortfallReason.ALL_BUSY, lostClaims, Integer::sum);
      }
      ShortfallReason reason = ShortfallReason.NO_CANDIDATES;
      int most = 0;
      for (Map.Entry<ShortfallReason, Integer> count : counts.entrySet()) {
        if (count.getValue() > most) {
          reason = count.getKey();
          most = count.getValue();
        }
      }
      return reason;
    }
  }

  private final RankingSettings settings;

  public Ranking(RankingSettings settings) {
    this.settings = settings;
  }

  /**
   * Filters and orders the nearby units.
   *
   * @param claimed whether another incident holds a unit
   */
  public Result rank(List<UnitSnapshot> nearby, Query query, Predicate<String> claimed) {
    List<Candidate> eligible = new ArrayList<>();
    List<UnitSnapshot> stale = new ArrayList<>();
    Map<ShortfallReason, Integer> passedOver = new EnumMap<>(ShortfallReason.class);
    for (UnitSnapshot unit : nearby) {
      if (unit.kind() != UnitKind.AUXILIARY || query.excludedUnitIds().contains(unit.unitId())) {
        continue;
      }
      double distanceM = GeoPoint.distanceMeters(query.lat(), query.lon(), unit.lat(), unit.lon());
      ShortfallReason reason = passOverReason(unit, distanceM, query, claimed);
      if (reason == null) {
        long etaMs = Math.round(distanceM / settings.speedMps() * 1000);
        boolean local = unit.workstationId() != null
            && unit.workstationId().equals(query.localWorkstationId());
        eligible.add(new Candidate(unit, distanceM, etaMs, local));
      } else {
        passedOver.merge(reason, 1, Integer::sum);
        if (reason == ShortfallReason.STALE_LOCATIONS) {
          stale.add(unit);
        }
      }
    }
    eligible.sort(bestFirst(eligible));
    return new Result(eligible, stale, passedOver);
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
