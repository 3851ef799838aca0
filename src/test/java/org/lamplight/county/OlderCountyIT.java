package org.lamplight.county;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.area.Area;
import org.lamplight.domain.org.County;
import org.lamplight.store.Database;

/**
 * A database made by the release before county bundles holds the demo county as rectangular
 * townships and village points: the V5 migration turns it into areas with polygons, and a node
 * starts on it.
 */
class OlderCountyIT {

  /** The old schema's rows for a county of two townships, two villages, one office and three workstations. */
  private static final String[] OLD_COUNTY = {
      "insert into settings (key, value) values ('county.name', '旧县')",
      "insert into townships values ('T01', '甲乡', 'township', 33.75, 114.45,"
          + " '[[33.70, 114.40], [33.70, 114.50], [33.80, 114.50], [33.80, 114.40], [33.70, 114.40]]')",
      "insert into townships values ('T02', '乙镇', 'township', 33.75, 114.55,"
          + " '[[33.70, 114.50], [33.70, 114.60], [33.80, 114.60], [33.80, 114.50], [33.70, 114.50]]')",
      "insert into stations values ('S01', '甲乡派出所', 'T01', 33.75, 114.45)",
      "insert into offices values ('O01', '甲警务室', 'S01', 33.76, 114.50)",
      "insert into workstations values ('W001', '甲村工作站', 'O01', 33.74, 114.44),"
          + " ('W002', '乙村工作站', 'O01', 33.76, 114.56), ('W003', '客运站警务工作站', 'O01', 33.7627, 114.5642)",
      "insert into villages values ('V001', '甲村', 'village', 'T01', 'W001', 33.74, 114.44),"
          + " ('V002', '乙村', 'village', 'T02', 'W002', 33.76, 114.56)",
      "insert into roads values ('R0001', '甲路', 'village', '[[33.74, 114.44], [33.75, 114.45]]')",
      "insert into units values ('aux-0001', '王伟', 'auxiliary', 'W001', 'O01', 'S01', 33.74, 114.44),"
          + " ('off-01', '李娜', 'officer', null, 'O01', 'S01', 33.76, 114.50)",
      "insert into devices (id, unit_id, secret_hash) values ('dev-aux-0001', 'aux-0001', 'pbkdf2-sha256$1$a$b'),"
          + " ('dev-off-01', 'off-01', null)",
  };

  /** A new database at schema version 3 holding the old county; its URL. */
  private static String olderDatabase() {
    String db = "bundle_older_" + System.nanoTime();
    String url = TestDatabase.url(db);
    Flyway.configure().dataSource(TestDatabase.dataSource(db))
        .locations("classpath:db/migration").target("3").load().migrate();
    for (String sql : OLD_COUNTY) {
      TestDatabase.execute(db, null, sql);
    }
    return url;
  }

  @Test
  void anOlderDemoCountyIsConvertedAndANodeStartsOnIt() throws Exception {
    try (TestNode node = TestNode.start(Map.of(Keys.PG_URL, olderDatabase()))) {
      JsonObject org = node.get("/api/org").bodyAsJsonObject();
      assertThat(org.getJsonObject("county").getString("name")).isEqualTo("旧县");
      assertThat(org.getJsonArray("townships")).extracting(t -> ((JsonObject) t).getString("id")).containsExactly("T01", "T02");
      JsonArray villages = org.getJsonArray("villages");
      assertThat(villages).extracting(v -> ((JsonObject) v).getString("id")).containsExactly("V001", "V002");
      JsonObject station = org.getJsonArray("stations").getJsonObject(0);
      assertThat(station.getJsonArray("townshipIds")).containsExactly("T01", "T02");
      JsonObject office = station.getJsonArray("offices").getJsonObject(0);
      assertThat(office.getJsonArray("villageIds")).containsExactly("V001", "V002");
      assertThat(office.getJsonArray("workstations")).extracting(w -> ((JsonObject) w).getString("villageId"))
          .containsExactly("V001", "V002", "V002");
      assertThat(node.get("/api/units").bodyAsJsonArray()).hasSize(2);
    }
  }

  @Test
  void theConvertedVillagesAreSmallSquaresAroundTheirPointsInsideTheirTownships() throws Exception {
    try (Database database = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, olderDatabase())))) {
      Vertx vertx = Vertx.vertx();
      Pool pool = database.pool(vertx);
      try {
        County county = new CountyRepository(vertx, pool).load().toCompletionStage().toCompletableFuture().get();
        Area v1 = county.area("V001").orElseThrow();
        assertThat(county.villageAt(33.74, 114.44)).contains(v1);
        assertThat(county.area("T01").orElseThrow().shape().covers(v1.shape())).isTrue();
        assertThat(v1.shape().getArea()).isLessThan(0.00001);
        assertThat(county.countyArea().orElseThrow().shape().getEnvelopeInternal().getWidth()).isCloseTo(0.2,
            Offset.offset(1e-9));
        assertThat(county.devicesOf("aux-0001")).extracting(d -> d.id()).containsExactly("dev-aux-0001");
        assertThat(county.person("aux-0001").orElseThrow().phone()).isEmpty();
      } finally {
        pool.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
      }
    }
  }
}
