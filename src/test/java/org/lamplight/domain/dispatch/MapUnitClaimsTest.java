package org.lamplight.domain.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MapUnitClaimsTest {

  private final MapUnitClaims claims = new MapUnitClaims();

  @Test
  void aUnitIsHeldByOneIncidentUntilThatIncidentReleasesIt() {
    assertThat(claims.tryClaim("aux-1", "fire")).isTrue();
    assertThat(claims.tryClaim("aux-1", "fire")).as("re-claim by the holder").isTrue();
    assertThat(claims.tryClaim("aux-1", "crash")).isFalse();

    claims.release("aux-1", "crash");
    assertThat(claims.holder("aux-1")).as("only the holder can release").contains("fire");

    claims.release("aux-1", "fire");
    assertThat(claims.holder("aux-1")).isEmpty();
    assertThat(claims.tryClaim("aux-1", "crash")).isTrue();
  }

  @Test
  void claimingTellsATakenUnitFromOneTheIncidentHeldAlready() {
    assertThat(claims.claim("aux-1", "fire")).isEqualTo(UnitClaims.Claim.TAKEN);
    assertThat(claims.claim("aux-1", "fire")).isEqualTo(UnitClaims.Claim.HELD);
    assertThat(claims.claim("aux-1", "crash")).isEqualTo(UnitClaims.Claim.REFUSED);
  }

  @Test
  void retainFreesOnlyTheIncidentsOtherUnits() {
    claims.tryClaim("aux-1", "fire");
    claims.tryClaim("aux-2", "fire");
    claims.tryClaim("aux-3", "crash");

    claims.retain("fire", java.util.Set.of("aux-1"));

    assertThat(claims.holder("aux-1")).contains("fire");
    assertThat(claims.holder("aux-2")).isEmpty();
    assertThat(claims.holder("aux-3")).contains("crash");
  }

  @Test
  void incidentsRacingForTheSameUnitsNeverBothHoldOne() throws Exception {
    int unitCount = 2_000;
    List<String> unitIds = new ArrayList<>();
    for (int i = 0; i < unitCount; i++) {
      unitIds.add("aux-" + i);
    }
    List<String> incidents = List.of("fire", "crash");
    int threadsPerIncident = 4;
    ConcurrentHashMap<String, String> winners = new ConcurrentHashMap<>();
    List<String> doubleWins = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(incidents.size() * threadsPerIncident);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threadsPerIncident; t++) {
        for (String incident : incidents) {
          long seed = 31L * t + incident.hashCode();
          done.add(pool.submit(() -> {
            List<String> order = new ArrayList<>(unitIds);
            Collections.shuffle(order, new Random(seed));
            start.await();
            for (String unitId : order) {
              if (claims.tryClaim(unitId, incident)) {
                String earlier = winners.putIfAbsent(unitId, incident);
                if (earlier != null && !earlier.equals(incident)) {
                  doubleWins.add(unitId);
                }
              }
            }
            return null;
          }));
        }
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(doubleWins).isEmpty();
    assertThat(winners).hasSize(unitCount);
    winners.forEach((unitId, incident) -> assertThat(claims.holder(unitId)).contains(incident));
  }
}
