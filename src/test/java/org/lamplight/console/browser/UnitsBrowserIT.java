package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's unit tools in a real (headless) browser against a real node on a wide screen: a
 * unit's track played back with its stop; the unit board, the unit list's filters on the map,
 * clustering, the unit's popup and the searchable assign picker. Each device is a plain MQTT client.
 */
class UnitsBrowserIT {

  private static final Duration PATIENCE = ConsolePage.PATIENCE;
  private static final long STEP_MS = 30_000;

  private static TestNode node;
  private static HeadlessChromium chromium;

  private ConsolePage page;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed())
        .as("chromium and chromedriver at %s and %s (scripts/test installs them)", HeadlessChromium.BROWSER, HeadlessChromium.DRIVER)
        .isTrue();
    node = TestNode.start(Map.of());
    chromium = HeadlessChromium.start(1920, 1080); // a command centre screen: wide enough for the unit board
  }

  @AfterAll
  static void stop() {
    ConsolePage.close(chromium, node);
  }

  @BeforeEach
  void freshPage() {
    page = new ConsolePage(chromium, node);
    driver = page.driver;
    wait = page.wait;
  }

  /**
   * A unit walked north for four and a half minutes, stood four minutes in one place (a few metres
   * of GPS jitter), then walked east: 25 fixes half a minute apart, sent with their own times.
   * Found by typing its id, the playback draws all 25, marks the one stop with its four minutes,
   * plays to the end, and the slider moves the marker.
   */
  @Test
  void aUnitsTrackIsPlayedBackWithItsStop() throws Exception {
    page.onFailureScreenshot("units-failure.png", () -> {
      JsonObject home = unit("aux-0010").getJsonObject("home");
      double lat = home.getDouble("lat");
      double lon = home.getDouble("lon");
      long start = (System.currentTimeMillis() - 40 * 60_000L) / 1000 * 1000;
      long end = start + 24 * STEP_MS;
      try (TestDevice device = TestDevice.connect(node, "dev-aux-0010")) {
        for (int i = 0; i <= 24; i++) {
          long ts = start + i * STEP_MS;
          if (i <= 9) {
            device.at(lat + i * 0.001, lon, ts); // 111 m north each step
          } else if (i <= 17) {
            device.at(lat + 0.009 + (i % 2) * 0.00005, lon + (i % 3) * 0.00005, ts); // the stop, within 10 m
          } else {
            device.at(lat + 0.009, lon + (i - 17) * 0.001, ts); // some 93 m east each step
          }
        }
        await().atMost(PATIENCE).until(() -> node.get("/api/units/aux-0010/track?from=" + start + "&to=" + (end + 1))
            .bodyAsJsonObject().getJsonArray("points").size() == 25);
      }

      logIn();
      driver.findElement(By.cssSelector(".tabs [data-tab='units']")).click();
      page.clickUntilShown("#track-button", "#track-search");
      wait.until(visibilityOfElementLocated(By.id("track-search"))).sendKeys("aux-0010");
      assertThat(new Select(driver.findElement(By.id("track-range"))).getFirstSelectedOption().getAttribute("value"))
          .as("the last hour by default").isEqualTo("1h");

      wait.until(attributeToBe(By.id("track-player"), "data-points", "25"));
      assertThat(new Select(driver.findElement(By.id("track-unit"))).getFirstSelectedOption().getAttribute("value"))
          .isEqualTo("aux-0010");
      wait.until(presenceOfElementLocated(By.cssSelector(".leaflet-overlay-pane path.track-path[data-points='25']")));
      wait.until(numberOfElementsToBe(By.cssSelector("#track-stops .track-stop"), 1));
      assertThat(page.textOf("#track-stops .track-stop-duration")).isEqualTo("停留 4 分 0 秒");
      assertThat(driver.findElements(By.cssSelector(".leaflet-marker-pane .track-stop-marker"))).hasSize(1);
      assertThat(driver.findElement(By.id("track-time")).getAttribute("data-at")).isEqualTo(String.valueOf(start));

      // the slider moves the marker: to the end of the track, then back to its start
      WebElement slider = driver.findElement(By.id("track-slider"));
      Map<?, ?> atStart = markerPlace();
      slider.sendKeys(Keys.END);
      wait.until(attributeToBe(By.id("track-time"), "data-at", String.valueOf(end)));
      Map<?, ?> atEnd = markerPlace();
      assertThat(distancePx(atStart, atEnd)).as("the marker moved along the track").isGreaterThan(20);
      slider.sendKeys(Keys.HOME);
      wait.until(attributeToBe(By.id("track-time"), "data-at", String.valueOf(start)));
      assertThat(distancePx(atStart, markerPlace())).isLessThan(1);

      // played at 300×, the twelve minutes take under three seconds
      new Select(driver.findElement(By.id("track-speed"))).selectByValue("300");
      driver.findElement(By.id("track-play")).click();
      wait.until(d -> !String.valueOf(start).equals(d.findElement(By.id("track-time")).getAttribute("data-at")));
      wait.until(attributeToBe(By.id("track-time"), "data-at", String.valueOf(end)));
      wait.until(d -> page.textOf("#track-play").contains("播放"));
      page.screenshot("console-track.png");

      // in English
      driver.findElement(By.cssSelector(".topbar .lang-switch")).click();
      wait.until(d -> page.textOf("#track-stops .track-stop-duration").equals("stayed 4 min 0 s"));
      assertThat(page.textOf("#track-summary")).startsWith("25 fixes");
    });
  }

  /**
   * Five auxiliaries of one station stand together near its first unit's home, one of another
   * station at its own: the board counts them as the API does; at county zoom the five are one
   * numbered marker; the station filter and the search hide the others' markers; the popup gives
   * the phone and locates; the incident's picker finds a unit by its typed name, with its ETA.
   */
  @Test
  void theBoardCountsTheUnitsTheFiltersHideMarkersAndThePickerAssignsByName() throws Exception {
    page.onFailureScreenshot("units-failure.png", () -> {
      List<JsonObject> all = node.get("/api/units").bodyAsJsonArray().stream().map(JsonObject.class::cast).toList();
      String stationA = unit("aux-0001").getString("stationId");
      List<JsonObject> mine = all.stream().filter(u -> stationA.equals(u.getString("stationId")))
          .filter(u -> "auxiliary".equals(u.getString("kind")) && !"aux-0010".equals(u.getString("id"))).limit(5).toList();
      JsonObject other = all.stream().filter(u -> !stationA.equals(u.getString("stationId")))
          .filter(u -> "auxiliary".equals(u.getString("kind"))).findFirst().orElseThrow();
      double lat = mine.get(0).getJsonObject("home").getDouble("lat");
      double lon = mine.get(0).getJsonObject("home").getDouble("lon");
      List<TestDevice> devices = new ArrayList<>();
      try {
        for (int i = 0; i < mine.size(); i++) {
          TestDevice device = TestDevice.connect(node, mine.get(i).getString("deviceId"));
          devices.add(device);
          device.at(lat + i * 0.0003, lon);
        }
        TestDevice far = TestDevice.connect(node, other.getString("deviceId"));
        devices.add(far);
        far.at(other.getJsonObject("home").getDouble("lat"), other.getJsonObject("home").getDouble("lon"));
        await().atMost(PATIENCE).until(() -> node.get("/api/units?status=available").bodyAsJsonArray().size() == 6);

        logIn();
        // the board beside the queue counts what the API says, station by station
        wait.until(visibilityOfElementLocated(By.id("unit-board")));
        wait.until(d -> boardCounts().equals(expectedBoard()));
        assertThat(boardCounts().get(stationA).get("available")).isEqualTo(5);

        // at county zoom the five are one numbered marker; closer in, five markers
        page.js("lamplight.map.setView([arguments[0], arguments[1]], 11, {animate: false});", lat, lon);
        wait.until(presenceOfElementLocated(By.cssSelector(".leaflet-marker-pane .unit-cluster[data-count='5']")));
        assertThat(driver.findElements(By.cssSelector(unitMarker(mine.get(0).getString("id"))))).isEmpty();
        page.js("lamplight.map.setView([arguments[0], arguments[1]], 16, {animate: false});", lat, lon);
        wait.until(numberOfElementsToBe(By.cssSelector(".leaflet-marker-pane .unit-cluster"), 0));
        for (JsonObject u : mine) {
          wait.until(presenceOfElementLocated(By.cssSelector(unitMarker(u.getString("id")))));
        }
        wait.until(presenceOfElementLocated(By.cssSelector(unitMarker(other.getString("id")))));

        // a count on the board shows those units: the list and the map keep the five available of the station
        driver.findElement(By.cssSelector("#unit-board td[data-station='" + stationA + "'][data-status='available'] button")).click();
        wait.until(visibilityOfElementLocated(By.id("unit-station")));
        wait.until(numberOfElementsToBe(By.cssSelector("#unit-list .unit-row"), 5));
        wait.until(numberOfElementsToBe(By.cssSelector(unitMarker(other.getString("id"))), 0));
        assertThat(new Select(driver.findElement(By.id("unit-station"))).getFirstSelectedOption().getAttribute("value"))
            .isEqualTo(stationA);

        // the search applies to the map as well
        assertThat(driver.findElements(By.cssSelector(unitMarker(mine.get(0).getString("id"))))).hasSize(1);
        String oneId = mine.get(1).getString("id");
        driver.findElement(By.id("unit-search")).sendKeys(oneId);
        wait.until(numberOfElementsToBe(By.cssSelector(unitMarker(mine.get(0).getString("id"))), 0));
        assertThat(driver.findElements(By.cssSelector(unitMarker(oneId)))).hasSize(1);
        assertThat(((Number) page.js("return lamplight.unitsOnMap()")).intValue()).isEqualTo(1);

        // its popup: the phone, and locate, which tells how old the last fix is and asks for a new one
        wait.until(presenceOfElementLocated(By.cssSelector("#unit-list [data-unit-id='" + oneId + "']"))).click();
        WebElement popup = wait.until(visibilityOfElementLocated(By.cssSelector(".unit-popup")));
        assertThat(popup.findElement(By.cssSelector(".unit-phone")).getText()).isEqualTo(mine.get(1).getString("phone"));
        popup.findElement(By.cssSelector("[data-unit-action='locate']")).click();
        wait.until(d -> toasts().contains("最后定位"));
        // and its device is asked for a position now, or the console says why it cannot be
        wait.until(d -> toasts().contains("立即上报位置"));
        driver.findElement(By.id("unit-search")).clear();
        driver.findElement(By.id("unit-search")).sendKeys(" ");
        new Select(driver.findElement(By.id("unit-station"))).selectByValue("");
        wait.until(presenceOfElementLocated(By.cssSelector(unitMarker(other.getString("id")))));

        // an incident some 2 km away: the picker lists the units soonest there, and finds one by name
        JsonObject created = node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 1)
            .put("lat", lat).put("lon", lon + 0.02).put("description", "picker (browser test)")).bodyAsJsonObject();
        String incidentId = created.getString("id");
        // dispatch offers it to the nearest at once: the dispatcher wants the one furthest down the list
        JsonObject wanted = await().atMost(PATIENCE).until(
            () -> node.get("/api/incidents/" + incidentId + "/candidates").bodyAsJsonArray(), list -> list.size() >= 2)
            .getJsonObject(node.get("/api/incidents/" + incidentId + "/candidates").bodyAsJsonArray().size() - 1)
            .getJsonObject("unit");
        driver.findElement(By.cssSelector(".tabs [data-tab='incidents']")).click();
        String row = "#incident-list [data-incident-id='" + incidentId + "']";
        page.clickWhenThere(row);
        WebElement search = wait.until(visibilityOfElementLocated(By.id("assign-search")));
        wait.until(d -> new Select(d.findElement(By.id("assign-unit"))).getOptions().size() > 1);
        search.sendKeys(wanted.getString("name"));
        wait.until(d -> wanted.getString("id").equals(new Select(d.findElement(By.id("assign-unit")))
            .getFirstSelectedOption().getAttribute("value")));
        assertThat(new Select(driver.findElement(By.id("assign-unit"))).getFirstSelectedOption().getText())
            .startsWith(wanted.getString("name")).matches(".*预计 \\d+ 分钟 · (道路|直线) \\d+\\.\\d 公里");
        driver.findElement(By.id("assign-button")).click();
        wait.until(presenceOfElementLocated(By.cssSelector("#incident-detail tr[data-unit-id='" + wanted.getString("id") + "']")));
        page.screenshot("console-board.png");

        // "assign to…" from another unit's popup: the open incident, one click
        String next = mine.stream().map(u -> u.getString("id"))
            .filter(id -> "available".equals(unit(id).getString("status"))).findFirst().orElseThrow();
        driver.findElement(By.cssSelector(".tabs [data-tab='units']")).click();
        page.clickWhenThere("#unit-list [data-unit-id='" + next + "']");
        wait.until(visibilityOfElementLocated(By.cssSelector(".unit-popup [data-unit-action='assign']"))).click();
        wait.until(visibilityOfElementLocated(By.cssSelector("#assign-dialog .assign-incident[data-incident-id='" + incidentId + "']")))
            .click();
        wait.until(presenceOfElementLocated(By.cssSelector("#incident-detail tr[data-unit-id='" + next + "']")));
        node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject());
      } finally {
        for (TestDevice device : devices) {
          device.close();
        }
      }
    });
  }

  /** The board as drawn: station id -> status -> count, the statuses no unit is in left out. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Long>> boardCounts() {
    Map<String, Map<String, Number>> drawn = (Map<String, Map<String, Number>>) page.js("""
        const out = {};
        document.querySelectorAll('#unit-board tbody td[data-status]').forEach((td) => {
          if (td.dataset.status === 'all') return;
          (out[td.dataset.station] ??= {})[td.dataset.status] = Number(td.textContent);
        });
        return out;""");
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    drawn.forEach((station, byStatus) -> byStatus.forEach((status, n) -> {
      if (n.longValue() > 0) {
        counts.computeIfAbsent(station, k -> new TreeMap<>()).put(status, n.longValue());
      }
    }));
    return counts;
  }

  /** The same from GET /api/units. */
  private static Map<String, Map<String, Long>> expectedBoard() {
    return node.get("/api/units").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .collect(Collectors.groupingBy(u -> u.getString("stationId"), TreeMap::new,
            Collectors.groupingBy(u -> u.getString("status"), TreeMap::new, Collectors.counting())));
  }

  private static String unitMarker(String unitId) {
    return ".leaflet-marker-pane [data-unit-id='" + unitId + "']";
  }

  // ---------------------------------------------------------------- page helpers

  private void logIn() {
    page.logIn("admin", TestNode.ADMIN_PASSWORD);
    wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
  }

  /** The playback marker's centre on the page. */
  private Map<?, ?> markerPlace() {
    return (Map<?, ?>) page.js("const r = document.querySelector('.track-marker').getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2};");
  }

  private static double distancePx(Map<?, ?> a, Map<?, ?> b) {
    return Math.hypot(((Number) a.get("x")).doubleValue() - ((Number) b.get("x")).doubleValue(),
        ((Number) a.get("y")).doubleValue() - ((Number) b.get("y")).doubleValue());
  }

  private static JsonObject unit(String id) {
    return node.get("/api/units/" + id).bodyAsJsonObject();
  }

  /** Every toast's text, newest first. */
  private String toasts() {
    return String.valueOf(page.js("return [...document.querySelectorAll('.toast-message')].map((m) => m.textContent).join('\\n');"));
  }
}
