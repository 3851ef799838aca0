package org.lamplight.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.dispatch.Caller;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;

/**
 * Incident numbers against a real PostgreSQL. A node takes each number one incident ahead, so
 * that a report does not wait a round trip for it: numbers must still follow each other within a
 * day on one node, start again on a new day, and never repeat across nodes.
 */
class IncidentNumbersIT {

  private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

  static Database db;
  static Vertx vertx;
  static Pool pool;

  @BeforeAll
  static void start() {
    db = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url("numbers_" + System.nanoTime()))));
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
    db.close();
  }

  private static Incident reported(LocalDate day) {
    long at = day.atTime(9, 30).atZone(COUNTY).toInstant().toEpochMilli();
    return new Incident(UUID.randomUUID().toString(), null, IncidentType.FIRE, 1, 33.7, 114.5, "numbers",
        IncidentSource.API, "admin", IncidentStatus.NEW, 1, at, at, List.of(), null, false, Set.of(), 0, 0, 0,
        Caller.NONE);
  }

  /** Saved from a context of its own, as dispatch saves from its verticle's. */
  private static Future<Incident> save(IncidentRepository incidents, LocalDate day) {
    Promise<Incident> saved = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> incidents.save(reported(day), List.of(), null,
        (conn, incident) -> Future.succeededFuture()).onComplete(saved));
    return saved.future();
  }

  private static String stored(IncidentRepository incidents, LocalDate day) throws Exception {
    return save(incidents, day).await(10, TimeUnit.SECONDS).number();
  }

  @Test
  void numbersFollowEachOtherWithinADayAndStartAgainOnTheNext() throws Exception {
    IncidentRepository incidents = new IncidentRepository(pool, COUNTY);
    LocalDate day = LocalDate.of(2026, 11, 29);

    assertThat(List.of(stored(incidents, day), stored(incidents, day), stored(incidents, day)))
        .containsExactly("20261129-0001", "20261129-0002", "20261129-0003");
    // the number taken ahead for the 29th goes unused: the 30th counts from its own start
    assertThat(stored(incidents, day.plusDays(1))).isEqualTo("20261130-0001");
    assertThat(stored(incidents, day.plusDays(1))).isEqualTo("20261130-0002");
  }

  /** More reports at once than the pool has connections: none may hold one while it waits for its number. */
  @Test
  void nodesNumberingAtOnceNeverTakeTheSameNumber() throws Exception {
    IncidentRepository one = new IncidentRepository(pool, COUNTY);
    IncidentRepository other = new IncidentRepository(pool, COUNTY);
    LocalDate day = LocalDate.of(2026, 12, 1);
    List<Future<Incident>> saves = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      saves.add(save(i % 2 == 0 ? one : other, day));
    }

    List<String> numbers = Future.all(saves).await(20, TimeUnit.SECONDS).<Incident>list().stream()
        .map(Incident::number).toList();
    assertThat(numbers).hasSize(20).doesNotHaveDuplicates().allMatch(n -> n.startsWith("20261201-"));
  }
}
