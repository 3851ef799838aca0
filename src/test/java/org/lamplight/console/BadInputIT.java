package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;

/**
 * Input that once reached the database and came back as an outage (503) or a crash (500): NUL
 * and other control characters in text, numbers out of range, {@code stations} of the wrong type
 * or naming no station. Each is a 400 naming the field, and nothing is stored.
 */
class BadInputIT {

  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonObject incident() {
    return new JsonObject().put("type", "other").put("severity", 1).put("lat", 33.95).put("lon", 114.75);
  }

  private static void assertRefused(HttpResponse<Buffer> r, String message) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
    assertThat(r.bodyAsJsonObject().getString("message")).startsWith(message);
  }

  @Test
  void aNulInAnIncidentsDescriptionIs400NamingItAndNothingIsStored() throws Exception {
    long before = count("incidents");
    assertRefused(node.post("/api/incidents", incident().put("description", "smoke\u0000behind the school")),
        "'description' holds the control character U+0000");
    assertRefused(node.post("/api/incidents", incident().put("description", "bell\u0007")),
        "'description' holds the control character U+0007");
    assertRefused(node.post("/api/incidents", incident().put("caller\u0000", "x")), "a field name holds the control character U+0000");
    assertThat(count("incidents")).isEqualTo(before);
  }

  /** Small bodies are checked on the event loop, large ones on a worker thread: the contract holds either way. */
  @Test
  void aTooLongDescriptionIsRefusedNamingItWhateverTheBodysSize() throws Exception {
    long before = count("incidents");
    for (int length : new int[] {2_001, InPlaceValidator.IN_PLACE_BYTES + 1}) {
      HttpResponse<Buffer> r = node.post("/api/incidents", incident().put("description", "x".repeat(length)));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
      assertThat(r.bodyAsJsonObject().getString("message")).contains("description");
    }
    assertThat(count("incidents")).isEqualTo(before);
  }

  /** No route takes a form: a file in one, from anyone, is dropped, never left on the server's disk. */
  @Test
  void aFileInAFormIsNeverWrittenToDisk() throws Exception {
    Path uploads = Path.of(BodyHandler.DEFAULT_UPLOADS_DIRECTORY).toAbsolutePath();
    Set<Path> before = filesIn(uploads);
    String boundary = "lamplight-form";
    Buffer form = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.jpg\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(4000) + "\r\n--" + boundary + "--\r\n");
    for (String bearer : Arrays.asList(null, node.token())) {
      HttpResponse<Buffer> r = node.post("/api/incidents", "multipart/form-data; boundary=" + boundary, form, bearer);
      assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(400, 499);
    }
    assertThat(filesIn(uploads)).isEqualTo(before);
  }

  /**
   * A form is refused as a form, however it is encoded. A bad %-escape in a last field without a
   * value ({@code a=b&%zz}) once failed inside Vert.x's form decoder, and came out as a 500.
   */
  @Test
  void aFormIsRefusedAsAFormEvenWithABadEscape() {
    for (String form : List.of("description=fire", "description=%zz", "a=b&%zz")) {
      HttpResponse<Buffer> r = node.post("/api/incidents", "application/x-www-form-urlencoded", Buffer.buffer(form),
          node.token());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(415);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("unsupported_media_type");
    }
  }

  private static Set<Path> filesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(Collectors.toSet());
    }
  }

  @Test
  void freeTextMayHoldLineBreaksAndTabs() {
    var r = node.post("/api/incidents", incident().put("description", "two cars\n\tone on fire"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("description")).isEqualTo("two cars\n\tone on fire");
    String id = r.bodyAsJsonObject().getString("id");
    assertRefused(node.post("/api/incidents/" + id + "/cancel", new JsonObject().put("reason", "dup\u0000")),
        "'reason' holds the control character U+0000");
    assertThat(node.post("/api/incidents/" + id + "/cancel", new JsonObject().put("reason", "a\r\nduplicate")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void identifiersHoldNoControlCharacterNotEvenALineBreak() throws Exception {
    long accounts = count("accounts");
    assertRefused(node.post("/api/accounts", account("bad\u0000name")), "'username' holds the control character U+0000");
    assertRefused(node.post("/api/accounts", account("forged\nINFO admin logged in")),
        "'username' holds the control character U+000A");
    assertRefused(node.post("/api/accounts", account("pw-nul").put("password", "long enough\u0000")),
        "'password' holds the control character U+0000");
    assertRefused(node.post("/api/accounts", account("station-nul").put("role", "station")
        .put("stations", new JsonArray().add("S01\u0000"))), "'stations[0]' holds the control character U+0000");
    assertThat(count("accounts")).isEqualTo(accounts);
    assertRefused(node.post("/api/login", new JsonObject().put("username", "admin\u0000").put("password", "x"), null),
        "'username' holds the control character U+0000");
    String id = node.post("/api/incidents", incident()).bodyAsJsonObject().getString("id");
    assertRefused(node.post("/api/incidents/" + id + "/assign", new JsonObject().put("unitId", "aux-0001\u0000")),
        "'unitId' holds the control character U+0000");
    node.post("/api/incidents/" + id + "/cancel", new JsonObject());
  }

  @Test
  void numbersOutOfRangeAre400() {
    assertRefused(node.post("/api/incidents", incident().put("lat", 1e308)), "'lat' is invalid");
    assertRefused(node.post("/api/incidents", incident().put("lon", -1e300)), "'lon' is invalid");
    assertRefused(node.post("/api/incidents", incident().put("severity", 1e20)), "'severity'");
    assertRefused(node.post("/api/incidents", incident().put("severity", Long.MAX_VALUE)), "'severity' is invalid");
    for (String query : new String[] {"from=-9223372036854775808", "to=9223372036854775807",
        "from=-9223372036854775808&to=9223372036854775807", "from=99999999999999999999"}) {
      var r = node.get("/api/units/aux-0001/track?" + query);
      assertThat(r.statusCode()).as(query + ": " + r.bodyAsString()).isEqualTo(400);
    }
  }

  @Test
  void aQueryStringThatIsNotValidPercentEncodingIs400NotACrash() {
    for (String path : new String[] {"/api/incidents?status=%zz", "/api/incidents?status=open%", "/api/alerts?%zz"}) {
      assertRefused(node.get(path), "the query string is not valid percent-encoding");
    }
    assertRefused(node.post("/api/login?x=%zz", new JsonObject().put("username", "admin").put("password", "x"), null),
        "the query string is not valid percent-encoding");
  }

  /** The contract reads " 1" as the integer 1; the handler must not crash on it either. */
  @Test
  void anAlertIdWithSpacesAroundItIs400LikeAnyOtherMalformedId() {
    for (String id : new String[] {"%201", "1%20", "abc"}) {
      HttpResponse<Buffer> r = node.post("/api/alerts/" + id + "/acknowledge", null);
      assertThat(r.statusCode()).as(id + ": " + r.bodyAsString()).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("error")).isEqualTo("bad_request");
      assertThat(r.bodyAsJsonObject().getString("message")).contains("'id'");
    }
  }

  @Test
  void stationsOfTheWrongTypeAre400NotACrash() {
    assertRefused(node.post("/api/accounts", account("st-string").put("role", "station").put("stations", "S01")),
        "'stations' must be of type array");
    assertRefused(node.post("/api/accounts", account("st-object").put("role", "station")
        .put("stations", new JsonObject().put("S01", true))), "'stations' must be of type array");
    assertRefused(node.post("/api/accounts", account("st-nested").put("role", "station")
        .put("stations", new JsonArray().add(new JsonArray().add("S01")))), "'stations[0]' must be of type string");
  }

  @Test
  void stationsTheCountyDoesNotHaveAre400NamingThem() throws Exception {
    long accounts = count("accounts");
    var refused = node.post("/api/accounts", account("st-unknown").put("role", "station")
        .put("stations", new JsonArray().add("S01").add("S99").add("X")));
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("invalid");
    assertThat(refused.bodyAsJsonObject().getString("field")).isEqualTo("stations");
    assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo("unknown station(s): S99, X");
    assertThat(count("accounts")).isEqualTo(accounts);
    var created = node.post("/api/accounts", account("st-known-" + System.nanoTime()).put("role", "station")
        .put("stations", new JsonArray().add("S01").add("S02")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
  }

  private static JsonObject account(String username) {
    return new JsonObject().put("username", username).put("password", "long-enough").put("role", "viewer");
  }

  private static long count(String table) throws Exception {
    try (var c = TestDatabase.connect("postgres");
         ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
