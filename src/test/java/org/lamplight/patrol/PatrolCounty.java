package org.lamplight.patrol;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.Config;
import org.lamplight.config.Key;
import org.lamplight.config.Keys;
import org.lamplight.county.BundleSource;
import org.lamplight.county.CountyImport;
import org.lamplight.county.CountyRepository;
import org.lamplight.county.ImportOptions;
import org.lamplight.county.ImportProgress;
import org.lamplight.county.ImportResult;
import org.lamplight.store.Database;

/**
 * The hand-made county of the patrol tests ({@code src/test/resources/bundles/patrol}): three
 * villages of 0.01° × 0.01° (about 920 m × 1,110 m) in a row, V1 and V2 sharing the border at
 * 113.01°E, V3 apart from 113.03°E; office O1 covers V1 and V2, O2 covers V3; auxiliaries aux-1,
 * aux-2, aux-3 are posted in V1, V2, V3, officers off-1 and off-2 in O1 and O2; each person
 * carries {@code dev-<person>}. Imported into a database of its own, nodes started over it.
 */
public final class PatrolCounty {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Middles of the villages, and a point between V2 and V3 that lies in none. */
  public static final double LAT = 34.005;
  public static final double V1 = 113.005;
  public static final double V2 = 113.015;
  public static final double NOWHERE = 113.025;
  public static final double V3 = 113.035;

  private PatrolCounty() {
  }

  /** Imports the county into {@code db} (created empty on the shared test server). */
  public static void importInto(String db) throws Exception {
    Database database = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(db))));
    Vertx vertx = Vertx.vertx();
    Pool pool = database.pool(vertx);
    try {
      Path reports = Files.createTempDirectory("patrol-import");
      ImportResult result = new CountyImport(vertx, new CountyRepository(vertx, pool), 1000, 1L << 20, 1L << 20)
          .run(new BundleSource.Directory(bundle()), new ImportOptions(false, false, reports.resolve("report.txt"),
              reports.resolve("secrets.csv"), "test"), ImportProgress.NONE)
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      if (!(result instanceof ImportResult.Done)) {
        throw new IllegalStateException("the patrol county was refused: " + result);
      }
      Files.deleteIfExists(reports.resolve("secrets.csv"));
    } finally {
      pool.close();
      vertx.close();
      database.close();
    }
  }

  /** A node over {@code db} with fixes up to three days old accepted, so tests can replay yesterday. */
  public static TestNode node(String db, Map<Key<?>, ?> overrides) throws Exception {
    Map<Key<?>, Object> config = new HashMap<>();
    config.put(Keys.PG_URL, TestDatabase.url(db));
    config.put(Keys.DEMO_DATA, false);
    config.put(Keys.FIX_MAX_AGE, 3 * 86_400_000L);
    config.put(Keys.COVERAGE_FLUSH, 200L);
    config.putAll(overrides);
    return TestNode.start(config);
  }

  /** Epoch ms of {@code hh:mm} yesterday in the county's zone. */
  public static long yesterdayAt(int hour, int minute) {
    return yesterday().atTime(hour, minute).atZone(ZONE).toInstant().toEpochMilli();
  }

  public static LocalDate yesterday() {
    return today().minusDays(1);
  }

  public static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  /** A bearer token of a new account with {@code role} over {@code stations}. */
  public static String token(TestNode node, String username, String role, String... stations) {
    String password = TestSecrets.register("the password of test account " + username, "pw-" + username + "-secret");
    var created = node.post("/api/accounts", new JsonObject().put("username", username).put("password", password)
        .put("role", role).put("stations", new JsonArray(List.of(stations))));
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IllegalStateException("account not created: " + created.bodyAsString());
    }
    var login = node.post("/api/login", new JsonObject().put("username", username).put("password", password), null);
    return TestSecrets.register("the token of " + username, login.bodyAsJsonObject().getString("token"));
  }

  private static Path bundle() throws URISyntaxException {
    return Path.of(PatrolCounty.class.getResource("/bundles/patrol/areas.geojson").toURI()).getParent();
  }
}
