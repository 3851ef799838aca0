package org.lamplight.county;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.county.TestBundles.replaceLine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lamplight.TestDatabase;
import org.lamplight.auth.SecretHash;
import org.lamplight.config.Config;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.County;
import org.lamplight.domain.org.Office;
import org.lamplight.store.Database;
import org.lamplight.store.DeviceRepository;

/** Importing the small test bundle into a database of its own: whole, again with changes, checked, refused, pruned. */
class CountyImportIT {

  private static final String DB = "bundle_it";
  private static Database database;
  private static Vertx vertx;
  private static Pool pool;
  private static CountyRepository repository;
  private static CountyImport imports;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    database = Database.start(Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(DB))));
    vertx = Vertx.vertx();
    pool = database.pool(vertx);
    repository = new CountyRepository(vertx, pool);
    imports = new CountyImport(vertx, repository, 1000, TestBundles.LIMIT, TestBundles.LIMIT);
  }

  @AfterAll
  static void stop() {
    pool.close();
    vertx.close();
    database.close();
  }

  @BeforeEach
  void empty() {
    TestDatabase.execute(DB, null, "truncate areas, stations, offices, workstations, units, devices, roads, "
        + "incident_events, incidents cascade");
  }

  private ImportResult.Done imported(Map<String, String> files, boolean prune, List<String> stages) {
    ImportResult result = await(imports.run(new BundleSource.ZipBytes(TestBundles.zip(files)),
        new ImportOptions(false, prune, dir.resolve("report.txt"), dir.resolve("secrets.csv"), "test"),
        (stage, done, total) -> stages.add(stage)));
    assertThat(result).isInstanceOf(ImportResult.Done.class);
    return (ImportResult.Done) result;
  }

  private ImportResult.Done imported(Map<String, String> files, boolean prune) {
    return imported(files, prune, new ArrayList<>());
  }

  @Test
  void aBundleIsImportedWholeEveryDeviceWithASecretWrittenOnceForItsOwner() throws Exception {
    List<String> stages = new CopyOnWriteArrayList<>();
    ImportResult.Done done = imported(TestBundles.small(), false, stages);

    assertThat(done.written()).isTrue();
    ImportSummary s = done.summary();
    assertThat(s.of("areas")).isEqualTo(new ImportSummary.Counts("areas", 9, 0, 0, 0, 0));
    assertThat(s.of("stations").added()).isEqualTo(2);
    assertThat(s.of("offices").added()).isEqualTo(3);
    assertThat(s.of("workstations").added()).isEqualTo(6);
    assertThat(s.of("people").added()).isEqualTo(9);
    assertThat(s.of("devices").added()).isEqualTo(10);
    assertThat(s.of("roads").added()).isEqualTo(3);
    assertThat(s.newSecrets()).isEqualTo(10);
    assertThat(stages).contains("reading", "validating", "hashing device secrets", "writing areas", "writing people");

    County expected = ((Validation.Valid) TestBundles.check(TestBundles.small())).county();
    County loaded = await(repository.load());
    assertThat(loaded.areas()).containsExactlyInAnyOrderElementsOf(expected.areas());
    assertThat(loaded.stations()).containsExactlyInAnyOrderElementsOf(expected.stations());
    assertThat(loaded.offices()).containsExactlyInAnyOrderElementsOf(expected.offices());
    assertThat(loaded.workstations()).containsExactlyInAnyOrderElementsOf(expected.workstations());
    assertThat(loaded.people()).containsExactlyInAnyOrderElementsOf(expected.people());
    assertThat(loaded.devices()).containsExactlyInAnyOrderElementsOf(expected.devices());
    assertThat(loaded.roads()).hasSize(3);

    Map<String, String> secrets = secrets(done.secrets());
    assertThat(secrets).hasSize(10);
    assertThat(Files.getPosixFilePermissions(done.secrets())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Map<String, String> hashes = hashes();
    secrets.forEach((device, secret) -> assertThat(SecretHash.verify(secret, hashes.get(device))).as(device).isTrue());
    assertThat(hashes.values()).noneMatch(secrets::containsValue);
    assertThat(Files.readString(done.report())).contains("people").doesNotContain(secrets.get("radio-101"));
  }

  @Test
  void reimportingWithChangesUpdatesInPlaceAndOnlyANewDeviceGetsASecret() throws Exception {
    imported(TestBundles.small(), false);
    String radioHash = hashes().get("radio-101");
    Map<String, String> files = TestBundles.small();
    replaceLine(files, "stations.csv", "S2,", "S2,东镇中心派出所,34.43,113.175,T2,");
    replaceLine(files, "people.csv", "aux-5,", "aux-5,黄勇,auxiliary,13900000005,W6");
    files.put("devices.csv", files.get("devices.csv") + "phone-102,aux-2\n");

    ImportResult.Done done = imported(files, false);

    ImportSummary s = done.summary();
    assertThat(s.of("stations")).isEqualTo(new ImportSummary.Counts("stations", 0, 1, 1, 0, 0));
    assertThat(s.of("people")).isEqualTo(new ImportSummary.Counts("people", 0, 1, 8, 0, 0));
    assertThat(s.of("devices")).isEqualTo(new ImportSummary.Counts("devices", 1, 0, 10, 0, 0));
    assertThat(s.of("areas")).isEqualTo(new ImportSummary.Counts("areas", 0, 0, 9, 0, 0));
    assertThat(s.of("roads")).isEqualTo(new ImportSummary.Counts("roads", 0, 0, 3, 0, 0));
    assertThat(secrets(done.secrets())).containsOnlyKeys("phone-102");
    County loaded = await(repository.load());
    assertThat(loaded.station("S2").orElseThrow().name()).isEqualTo("东镇中心派出所");
    assertThat(loaded.person("aux-5").orElseThrow().workstationId()).isEqualTo("W6");
    assertThat(loaded.devicesOf("aux-2")).hasSize(2);
    assertThat(hashes().get("radio-101")).as("an existing device keeps its secret").isEqualTo(radioHash);
  }

  @Test
  void aCheckComparesButWritesNothing() {
    ImportResult result = await(imports.run(new BundleSource.Directory(TestBundles.smallDirectory()),
        new ImportOptions(true, false, dir.resolve("report.txt"), dir.resolve("secrets.csv"), "test"), ImportProgress.NONE));
    ImportResult.Done done = (ImportResult.Done) result;
    assertThat(done.written()).isFalse();
    assertThat(done.summary().of("people").added()).isEqualTo(9);
    assertThat(await(repository.isEmpty())).isTrue();
    assertThat(dir.resolve("secrets.csv")).doesNotExist();
    assertThat(dir.resolve("report.txt")).doesNotExist();
  }

  @Test
  void aBrokenBundleChangesNothingAndSaysEveryProblem() {
    imported(TestBundles.small(), false);
    Map<String, String> files = TestBundles.small();
    replaceLine(files, "stations.csv", "S2,", "S2,改了名的派出所,34.43,113.175,T2;T7,");
    replaceLine(files, "devices.csv", "radio-104,", "radio-104,aux-9");
    ImportResult result = await(imports.run(new BundleSource.ZipBytes(TestBundles.zip(files)),
        new ImportOptions(false, false, dir.resolve("report2.txt"), dir.resolve("secrets2.csv"), "test"), ImportProgress.NONE));
    assertThat(((ImportResult.Refused) result).problems()).extracting(Problem::describe).containsExactly(
        "stations.csv line 3, townships: unknown township 'T7'",
        "devices.csv line 9, person_id: unknown person 'aux-9'");
    assertThat(await(repository.load()).station("S2").orElseThrow().name()).isEqualTo("东镇派出所");
    assertThat(dir.resolve("secrets2.csv")).doesNotExist();
  }

  @Test
  void pruneRetiresWhatTheBundleNoLongerHasButNeverAUnitOnAnOpenIncident() {
    imported(TestBundles.small(), false);
    TestDatabase.execute(DB, null, "insert into incidents (id, type, severity, status, lat, lon, source, state, created_at,"
        + " updated_at, number) values ('00000000-0000-0000-0000-000000000001', 'fire', 1, 'assigned', 34.47, 113.16,"
        + " 'api', '{\"assignments\": [{\"unitId\": \"aux-6\", \"status\": \"accepted\"}]}', now(), now(),"
        + " '20261129-9001')");
    Map<String, String> files = TestBundles.small();
    replaceLine(files, "people.csv", "aux-5,", "");
    replaceLine(files, "people.csv", "aux-6,", "");
    replaceLine(files, "devices.csv", "radio-105,", "");
    replaceLine(files, "devices.csv", "radio-106,", "");

    ImportResult.Done kept = imported(files, false);
    assertThat(kept.summary().of("people")).isEqualTo(new ImportSummary.Counts("people", 0, 0, 7, 0, 2));
    assertThat(await(repository.load()).people()).hasSize(9);

    ImportResult.Done pruned = imported(files, true);
    assertThat(pruned.summary().of("people")).isEqualTo(new ImportSummary.Counts("people", 0, 0, 7, 1, 1));
    assertThat(pruned.summary().of("devices")).isEqualTo(new ImportSummary.Counts("devices", 0, 0, 8, 1, 1));
    assertThat(pruned.summary().keptOnIncidents()).containsExactly("aux-6");
    County loaded = await(repository.load());
    assertThat(loaded.person("aux-5")).isEmpty();
    assertThat(loaded.person("aux-6")).isPresent();
    assertThat(loaded.device("radio-105")).isEmpty();
    assertThat(await(new DeviceRepository(pool).credential("radio-105"))).as("a retired device cannot log in").isEmpty();
    assertThat(await(new DeviceRepository(pool).credential("radio-106"))).isPresent();

    // back in a later bundle: added again, with a new secret
    ImportResult.Done back = imported(TestBundles.small(), false);
    assertThat(back.summary().of("people").added()).isEqualTo(1);
    assertThat(back.summary().of("devices").added()).isEqualTo(1);
  }

  /**
   * O2 merged into O1 (its village V3 now O1's) in a bundle that leaves O2 out: without --prune O2
   * would be kept with V3, which two offices would then cover.
   */
  @Test
  void aVillageGivenToAnotherOfficeIsRefusedWhileTheOfficeLeftOutIsKept() {
    imported(TestBundles.small(), false);
    Map<String, String> merged = TestBundles.small();
    replaceLine(merged, "offices.csv", "O1,", "O1,前庄警务室,S1,34.42,113.07,V1;V2;V3");
    replaceLine(merged, "offices.csv", "O2,", "");
    replaceLine(merged, "workstations.csv", "W3,", "W3,北河村警务工作站,O1,V3,34.48,113.03");
    replaceLine(merged, "people.csv", "off-2,", "");
    replaceLine(merged, "devices.csv", "dev-off-2,", "");
    String problem = "offices.csv: 'V3' of office 'O1' is still covered by office 'O2', which this bundle leaves out;"
        + " import with --prune, or list 'O2' without 'V3'";

    for (boolean check : new boolean[] {true, false}) {
      ImportResult result = await(imports.run(new BundleSource.ZipBytes(TestBundles.zip(merged)),
          new ImportOptions(check, false, dir.resolve("report.txt"), dir.resolve("secrets.csv"), "test"),
          ImportProgress.NONE));
      assertThat(result).isInstanceOf(ImportResult.Refused.class);
      assertThat(((ImportResult.Refused) result).problems()).extracting(Problem::describe).containsExactly(problem);
    }
    County unchanged = await(repository.load());
    assertThat(unchanged.office("O1").orElseThrow().villageIds()).containsExactly("V1", "V2");
    assertThat(unchanged.officeCovering("V3").orElseThrow().id()).isEqualTo("O2");

    imported(merged, true);
    County pruned = await(repository.load());
    assertThat(pruned.offices()).filteredOn(o -> o.villageIds().contains("V3")).extracting(Office::id)
        .containsExactly("O1");

    Map<String, String> emptied = TestBundles.small();
    replaceLine(emptied, "offices.csv", "O1,", "O1,前庄警务室,S1,34.42,113.07,V1;V2;V3");
    replaceLine(emptied, "offices.csv", "O2,", "O2,北河警务室,S1,34.47,113.05,");
    replaceLine(emptied, "workstations.csv", "W3,", "W3,北河村警务工作站,O1,V3,34.48,113.03");
    imported(TestBundles.small(), false);
    imported(emptied, false);
    County listed = await(repository.load());
    assertThat(listed.office("O2").orElseThrow().villageIds()).isEmpty();
    assertThat(listed.officeCovering("V3").orElseThrow().id()).isEqualTo("O1");
  }

  @Test
  void theCommandLineChecksAndImportsAndExitsNonZeroOnProblems() throws Exception {
    Config config = Config.defaults().with(Map.of(Keys.PG_URL, TestDatabase.url(DB), Keys.DATA_DIR, dir.toString(),
        Keys.AUTH_DEVICE_HASH_ITERATIONS, 1000));
    Map<String, String> broken = TestBundles.small();
    replaceLine(broken, "people.csv", "aux-1,", "aux-1,赵敏,auxiliary,13900000001,W8");
    Path zip = Files.write(dir.resolve("broken.zip"), TestBundles.zip(broken));

    Output refused = command(config, zip.toString());
    assertThat(refused.code).isEqualTo(ImportCommand.PROBLEMS);
    assertThat(refused.out).contains("the bundle has 1 problem(s); nothing was imported:",
        "people.csv line 5, post: unknown post 'W8'");

    Output checked = command(config, TestBundles.smallDirectory().toString(), "--check");
    assertThat(checked.code).isEqualTo(ImportCommand.OK);
    assertThat(checked.out).contains("checked: the bundle is valid; nothing was written");
    assertThat(await(repository.isEmpty())).isTrue();

    Output done = command(config, TestBundles.smallDirectory().toString());
    assertThat(done.code).isEqualTo(ImportCommand.OK);
    assertThat(done.out).contains("10 new device secrets in " + dir.resolve("imports"));
    assertThat(await(repository.load()).people()).hasSize(9);

    assertThat(command(config, "--bogus").code).isEqualTo(ImportCommand.USAGE_ERROR);
  }

  private record Output(int code, String out) {
  }

  private static Output command(Config config, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ImportCommand.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> secrets(Path file) throws Exception {
    Map<String, String> out = new HashMap<>();
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo(SecretsFile.HEADER);
    lines.stream().skip(1).map(l -> l.split(",")).forEach(f -> out.put(f[0], f[2]));
    return out;
  }

  private static Map<String, String> hashes() throws Exception {
    Map<String, String> out = new HashMap<>();
    try (var c = TestDatabase.connect(DB);
         ResultSet rs = c.createStatement().executeQuery("select id, secret_hash from devices")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
    }
    return out;
  }

  /**
   * A caller outside Vert.x (this test's thread, the import and recompute commands): when the rows
   * arrive before the parsing step is attached, that step runs on the caller's thread, which has no
   * Vert.x context. It used to look for the worker there and fail. That is a race: before the fix,
   * this test failed in one run of three.
   */
  @Test
  void theCountyLoadsAgainAndAgainFromAThreadOutsideVertx() {
    for (int i = 0; i < 2000; i++) {
      assertThat(await(repository.load()).areas()).isEmpty();
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
