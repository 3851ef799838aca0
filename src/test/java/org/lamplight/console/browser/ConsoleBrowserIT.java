package org.lamplight.console.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBeMoreThan;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.lamplight.TestTraccarClient;
import org.lamplight.config.Keys;
import org.lamplight.domain.org.PinyinInitials;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The console in a real (headless) browser against a real node: a dispatcher logs in, sees two
 * devices appear on the map, creates a fire by clicking next to them, and watches the offers go
 * out and the devices accept them — each device being a plain MQTT client — then escalates it.
 * A severity-2 fire needs two auxiliaries under the built-in response plans, hence two devices.
 * And the API explorer, which renders every operation of openapi.yaml from the node alone.
 */
class ConsoleBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static TestNode node;
  private static HeadlessChromium chromium;

  private ConsolePage page;
  private WebDriver driver;
  private WebDriverWait wait;
  private final List<String> reported = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed())
        .as("chromium and chromedriver at %s and %s (scripts/test installs them)", HeadlessChromium.BROWSER, HeadlessChromium.DRIVER)
        .isTrue();
    // a dropped device is offline after a second, and its going is acted on a second later
    node = TestNode.start(Map.of(Keys.PRESENCE_GRACE, "1s", Keys.DISPATCH_MASS_DISCONNECT_WINDOW, "1s"));
    chromium = HeadlessChromium.start();
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
   * Without a CJK font every Chinese character is drawn as the same empty box, and the console
   * is unreadable though its text is right: two different characters must draw differently in
   * the page's own font.
   */
  @Test
  void chineseIsDrawnWithARealFont() {
    Object distinct = js("""
        const font = getComputedStyle(document.body).fontFamily;
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 48;
        const g = canvas.getContext('2d');
        const draw = ch => { g.clearRect(0, 0, 48, 48); g.font = '40px ' + font; g.fillText(ch, 2, 40);
          return g.getImageData(0, 0, 48, 48).data.join(','); };
        return draw('警') !== draw('察') && draw('村') !== draw('站');""");
    assertThat(distinct).as("a CJK font is installed for the page's font stack (scripts/test installs"
        + " fonts-wqy-microhei)").isEqualTo(true);
  }

  /** A browser set to another zone than the county's still shows and reads times on the county's clock. */
  @Test
  void timesAreOnTheCountysClockWhateverTheBrowsersZone() {
    ChromeDriver chrome = (ChromeDriver) driver;
    chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
    try {
      List<?> read = (List<?>) chrome.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "import('/i18n.js').then((m) => { m.setTimeZone('Asia/Shanghai');"
          + " const at = m.countyTime('2026-03-01T07:30'); const now = Date.now();"
          + " done([new Date().getTimezoneOffset(), new Date(at).toISOString(), new Date(m.countyMidnight(at)).toISOString(),"
          + "  m.clock(at), m.countyMidnight(now) <= now && now - m.countyMidnight(now) < 86400000,"
          + "  m.clock(now) === new Date(now).toLocaleTimeString(document.documentElement.lang,"
          + "   { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })]); })");
      assertThat(((Number) read.get(0)).intValue()).as("the browser is in New York").isIn(240, 300);
      assertThat(read.get(1)).as("a date input read in Beijing time").isEqualTo("2026-02-28T23:30:00.000Z");
      assertThat(read.get(2)).as("the county's day began at its midnight").isEqualTo("2026-02-28T16:00:00.000Z");
      assertThat((String) read.get(3)).contains("03", "01", "07:30");
      assertThat(read.get(4)).as("today is the county's").isEqualTo(true);
      assertThat(read.get(5)).as("a time today shown on the county's clock alone").isEqualTo(true);
    } finally {
      chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }
  }

  @Test
  void aWrongPasswordIsRefusedInWords() {
    logIn("admin", "not-the-password");
    WebElement error = wait.until(visibilityOfElementLocated(By.id("login-error")));
    assertThat(error.getText()).as("in the console's language").contains("用户名或密码不正确");
    assertThat(driver.findElement(By.id("console-view")).isDisplayed()).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApiExplorerShowsEveryOperationWithoutLoadingAnythingFromElsewhere() {
    String origin = "http://localhost:" + node.httpPort();
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) new Yaml(new SafeConstructor(
        new LoaderOptions())).<Map<String, Object>>load(node.get("/api/openapi.yaml", null).bodyAsString()).get("paths");
    driver.get(origin + "/api/docs/");

    assertThat(wait.until(visibilityOfElementLocated(By.cssSelector(".info .title"))).getText()).contains("Lamplight API");
    wait.until(numberOfElementsToBe(By.cssSelector(".opblock"), paths.values().stream().mapToInt(Map::size).sum()));
    assertThat(driver.findElements(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getAttribute("data-path")))
        .contains("/api/incidents", "/api/login", "/ws");
    assertThat(driver.findElements(By.cssSelector(".errors-wrapper"))).isEmpty();
    assertThat((List<String>) js("return performance.getEntriesByType('resource').map(r => r.name)"))
        .isNotEmpty().allMatch(url -> url.startsWith(origin + "/api/"));
  }

  @Test
  void aFireCreatedOnTheMapIsOfferedToTheNearbyDevicesWhichAccept() throws Exception {
    onFailureScreenshot(() -> {
      logIn("admin", TestNode.ADMIN_PASSWORD);
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      // The built-in basemap is drawn (and the map has fitted the county before we move it).
      wait.until(numberOfElementsToBeMoreThan(By.cssSelector(".leaflet-tooltip.township-label"), 0));

      JsonObject home = unit("aux-0001").getJsonObject("home");
      double lat = home.getDouble("lat");
      double lon = home.getDouble("lon");
      try (Device first = Device.connect("aux-0001"); Device second = Device.connect("aux-0002")) {
        first.report(lat, lon);
        second.report(lat + 0.0005, lon); // some 55 m north
        for (Device device : List.of(first, second)) {
          wait.until(presenceOfElementLocated(By.cssSelector(unitMarker(device.unitId) + "[data-status='available']")));
        }
        assertThat(((Number) js("return lamplight.unitsOnMap()")).intValue()).isGreaterThanOrEqualTo(2);
        screenshot("console-map.png");

        // A unit that moves moves on the map: the tick's change (its position) merged into the unit held.
        second.report(lat + 0.0006, lon);
        wait.until(d -> (Boolean) js("let found = false; lamplight.map.eachLayer((l) => { const p = l.getLatLng?.();"
            + " found ||= p != null && Math.abs(p.lat - arguments[0]) < 1e-9 && Math.abs(p.lng - arguments[1]) < 1e-9; });"
            + " return found;", lat + 0.0006, lon));

        // Zoom in on the units and click the map a little east of them, as a dispatcher would.
        js("lamplight.map.setView([arguments[0], arguments[1]], 16, {animate: false});", lat, lon);
        clickMapAt(lat, lon, 60);

        wait.until(visibilityOfElementLocated(By.id("incident-form")));
        new Select(driver.findElement(By.id("incident-type"))).selectByValue("fire");
        new Select(driver.findElement(By.id("incident-severity"))).selectByValue("2");
        driver.findElement(By.id("incident-description")).sendKeys("麦秸垛起火 (browser test)");
        driver.findElement(By.id("incident-submit")).click();

        WebElement detail = wait.until(presenceOfElementLocated(By.id("incident-detail")));
        wait.until(presenceOfElementLocated(By.cssSelector(assignmentRow("aux-0001", "offered"))));
        wait.until(presenceOfElementLocated(By.cssSelector(".leaflet-overlay-pane path.link-offered")));
        String incidentId = detail.getAttribute("data-incident-id");

        for (Device device : List.of(first, second)) {
          JsonObject order = device.nextOrder();
          assertThat(order.getString("action")).isEqualTo("offer");
          assertThat(order.getString("incidentId")).isEqualTo(incidentId);
          device.answer(order, "accept");
        }

        wait.until(presenceOfElementLocated(By.cssSelector(assignmentRow("aux-0001", "accepted"))));
        wait.until(presenceOfElementLocated(By.cssSelector(assignmentRow("aux-0002", "accepted"))));
        wait.until(attributeToBe(By.id("incident-detail"), "data-status", "assigned"));
        wait.until(presenceOfElementLocated(By.cssSelector(".leaflet-overlay-pane path.link-accepted")));
        wait.until(presenceOfElementLocated(By.cssSelector("#incident-list [data-incident-id='" + incidentId + "'][data-status='assigned']")));
        screenshot("console-screenshot.png");

        // The dispatcher escalates: the detail shows a higher level (dispatch may climb further at
        // once, since no third unit is online), and the queue highlights the incident.
        driver.findElement(By.cssSelector("#incident-detail [data-action='escalate']")).click();
        wait.until(d -> Integer.parseInt(detail.getAttribute("data-level")) >= 2);
        wait.until(presenceOfElementLocated(By.cssSelector("#incident-list .escalated[data-incident-id='" + incidentId + "']")));

        // The escalation alert reads in the console's language with the incident's number, and
        // the dispatcher acknowledges it there.
        String number = node.get("/api/incidents/" + incidentId).bodyAsJsonObject().getString("number");
        driver.findElement(By.cssSelector(".tabs [data-tab='alerts']")).click();
        String escalated = "#alert-list [data-code='escalated'][data-acknowledged='false']";
        wait.until(d -> {
          // the list is redrawn as alerts come: look the row up afresh until the click lands
          try {
            WebElement alert = d.findElement(By.cssSelector(escalated));
            assertThat(alert.findElement(By.cssSelector(".alert-text")).getText()).contains(number).contains("升至");
            alert.findElement(By.cssSelector("[data-action='acknowledge']")).click();
            return true;
          } catch (NoSuchElementException | StaleElementReferenceException e) {
            return false;
          }
        });
        wait.until(d -> textOf("#alert-list [data-code='escalated'][data-acknowledged='true']").contains("admin"));

        // Resolved, the incident's row still says who took part.
        driver.findElement(By.cssSelector(".tabs [data-tab='incidents']")).click();
        driver.findElement(By.cssSelector("#incident-detail [data-action='resolve']")).click();
        wait.until(attributeToBe(By.id("incident-detail"), "data-status", "resolved"));
        String resolvedRow = "#incident-list [data-incident-id='" + incidentId + "'][data-status='resolved'] .row-units";
        wait.until(d -> textOf(resolvedRow).equals("2 名警力参与处置"));
      }
    });
  }

  @Test
  void aUnitOnTraccarClientIsPhonedFromTheConsoleWhichCountsDownToEscalationAndShowsItUnreachableOnceSilent()
      throws Exception {
    onFailureScreenshot(() -> {
      logIn("admin", TestNode.ADMIN_PASSWORD);
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      JsonObject unit = unit("aux-0003");
      double lat = unit.getJsonObject("home").getDouble("lat");
      double lon = unit.getJsonObject("home").getDouble("lon");
      TestTraccarClient.of(node, "dev-aux-0003").at(lat, lon);
      wait.until(presenceOfElementLocated(By.cssSelector(unitMarker("aux-0003") + "[data-status='available']")));

      var created = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", lat).put("lon", lon + 0.001).put("description", "phoned (browser test)"));
      assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
      String incidentId = created.bodyAsJsonObject().getString("id");
      String row = "#incident-list [data-incident-id='" + incidentId + "']";
      page.clickWhenThere(row);

      // the plan escalates after five minutes unless the unit accepts: the row counts down
      wait.until(d -> textOf(row + " .badge-countdown").matches(".*[45]:\\d\\d.*"));
      WebElement phoned = wait.until(presenceOfElementLocated(By.cssSelector(assignmentRow("aux-0003", "offered")
          + "[data-by-phone='true']")));
      assertThat(phoned.findElement(By.cssSelector(".by-phone")).getText()).contains(unit.getString("phone"));
      assertThat(phoned.findElement(By.cssSelector(".travel")).getText()).as("how far it is, by road")
          .matches("预计 \\d+ 分钟 · 道路 \\d+\\.\\d 公里");

      driver.findElement(By.cssSelector(".tabs [data-tab='alerts']")).click();
      wait.until(d -> textOf("#alert-list [data-code='phone_task'] .alert-text").contains(unit.getString("name")));
      driver.findElement(By.cssSelector(".tabs [data-tab='incidents']")).click();

      // the dispatcher has phoned and accepts for the unit, one click
      driver.findElement(By.cssSelector(assignmentRow("aux-0003", "offered") + " [data-action='answer-accept']")).click();
      wait.until(presenceOfElementLocated(By.cssSelector(assignmentRow("aux-0003", "accepted"))));
      wait.until(attributeToBe(By.id("incident-detail"), "data-status", "assigned"));
      assertThat(driver.findElements(By.cssSelector(row + " .badge-countdown"))).as("accepted in time").isEmpty();

      // Traccar Client falls silent: the unit stays on the incident, marked unreachable
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(presenceOfElementLocated(
          By.cssSelector(assignmentRow("aux-0003", "accepted") + " .chip-unreachable")));
      screenshot("console-unreachable.png");
      node.post("/api/incidents/" + incidentId + "/cancel", new JsonObject());
    });
  }

  private static String unitMarker(String unitId) {
    return ".leaflet-marker-pane [data-unit-id='" + unitId + "']";
  }

  private static String assignmentRow(String unitId, String status) {
    return "#incident-detail tr[data-unit-id='" + unitId + "'][data-status='" + status + "']";
  }

  /**
   * Taking a call place first: N opens the intake form, the dispatcher types the village's pinyin
   * initials, moves to it with the arrow keys, picks it with Enter, takes down the caller and the
   * source, and reports; the queue and the detail name the village and its township.
   */
  @Test
  void aCallTakenByPinyinInitialsIsReportedAtTheVillageAndNamedByIt() throws Exception {
    onFailureScreenshot(() -> {
      logIn("admin", TestNode.ADMIN_PASSWORD);
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      JsonObject village = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages").getJsonObject(7);
      String name = village.getString("name");
      String initials = PinyinInitials.of(name);

      driver.findElement(By.tagName("body")).sendKeys("n");
      WebElement place = wait.until(visibilityOfElementLocated(By.id("intake-place")));
      assertThat(driver.switchTo().activeElement()).isEqualTo(place);
      place.sendKeys(initials);
      String wanted = "#intake-places li[data-place-id='" + village.getString("id") + "']";
      wait.until(presenceOfElementLocated(By.cssSelector(wanted)));
      for (int i = 0; i < 8 && !textOf(wanted + "[aria-selected='true']").contains(name); i++) {
        place.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
      }
      place.sendKeys(org.openqa.selenium.Keys.ENTER);
      wait.until(d -> textOf("#intake-where").startsWith(name + " · "));
      String township = textOf("#intake-where").substring(name.length() + 3);

      driver.switchTo().activeElement().sendKeys("王先生");
      driver.findElement(By.id("incident-caller-phone")).sendKeys("13800000000");
      new Select(driver.findElement(By.id("incident-source"))).selectByValue("transfer_110");
      new Select(driver.findElement(By.id("incident-type"))).selectByValue("security");
      driver.findElement(By.id("incident-description")).sendKeys("村口有人打架 (browser test)");
      driver.findElement(By.id("incident-submit")).click();

      WebElement detail = wait.until(presenceOfElementLocated(By.cssSelector("#incident-detail .detail-place")));
      wait.until(d -> textOf("#incident-detail .detail-place").equals(name + " · " + township));
      String incidentId = driver.findElement(By.id("incident-detail")).getAttribute("data-incident-id");
      wait.until(d -> textOf("#incident-list [data-incident-id='" + incidentId + "'] .row-place").equals(name + " · " + township));
      assertThat(driver.findElements(By.id("intake-place"))).as("the form is closed once reported").isEmpty();
      assertThat(detail.isDisplayed()).isTrue();
      screenshot("console-intake.png");

      JsonObject stored = node.get("/api/incidents/" + incidentId).bodyAsJsonObject();
      assertThat(stored.getString("source")).isEqualTo("transfer_110");
      assertThat(stored.getJsonObject("caller")).isEqualTo(new JsonObject().put("name", "王先生").put("phone", "13800000000"));
      assertThat(stored.getJsonObject("place").getString("code")).isEqualTo(village.getString("id"));
    });
  }

  /** A cancelled incident has left the live queue; the day's history, filtered to cancelled ones, shows it. */
  @Test
  void aCancelledIncidentIsFoundInTheDaysHistory() throws Exception {
    onFailureScreenshot(() -> {
      JsonObject home = unit("aux-0003").getJsonObject("home");
      JsonObject incident = node.post("/api/incidents", new JsonObject().put("type", "other").put("severity", 1)
          .put("lat", home.getDouble("lat")).put("lon", home.getDouble("lon")).put("source", "walk_in")).bodyAsJsonObject();
      String id = incident.getString("id");
      assertThat(node.post("/api/incidents/" + id + "/cancel", new JsonObject()).statusCode()).isEqualTo(200);
      logIn("admin", TestNode.ADMIN_PASSWORD);
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      String row = "#incident-list [data-incident-id='" + id + "']";

      new Select(driver.findElement(By.id("incident-view"))).selectByValue("history");
      wait.until(visibilityOfElementLocated(By.id("history-status")));
      new Select(driver.findElement(By.id("history-status"))).selectByValue("cancelled");
      wait.until(presenceOfElementLocated(By.cssSelector(row + "[data-status='cancelled']")));
      new Select(driver.findElement(By.id("history-type"))).selectByValue("fire");
      wait.until(numberOfElementsToBe(By.cssSelector(row), 0));
      new Select(driver.findElement(By.id("history-type"))).selectByValue("other");
      page.clickWhenThere(row);
      wait.until(attributeToBe(By.id("incident-detail"), "data-status", "cancelled"));

      new Select(driver.findElement(By.id("incident-view"))).selectByValue("live");
      wait.until(numberOfElementsToBe(By.cssSelector(row), 0));
    });
  }

  /** A note and a correction made in the incident's detail reach its timeline, worded, with who made them. */
  @Test
  void aNoteAndACorrectionMadeInTheDetailAreKeptInItsTimeline() throws Exception {
    onFailureScreenshot(() -> {
      String id = reportAt("aux-0004", "fire");
      logInLive();
      page.clickWhenThere("#incident-list [data-incident-id='" + id + "']");
      wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", id));

      wait.until(visibilityOfElementLocated(By.id("note-text"))).sendKeys("报警人再次来电：火势已控制");
      driver.findElement(By.id("note-add")).click();
      wait.until(d -> textOf("#incident-detail .timeline [data-event='note_added']").contains("报警人再次来电：火势已控制"));
      assertThat(textOf("#incident-detail .timeline [data-event='note_added']")).contains("admin");
      assertThat(driver.findElement(By.id("note-text")).getAttribute("value")).isEmpty();

      driver.findElement(By.cssSelector("#incident-edit summary")).click();
      new Select(wait.until(visibilityOfElementLocated(By.id("edit-severity")))).selectByValue("3");
      driver.findElement(By.id("edit-save")).click();
      wait.until(d -> textOf("#incident-detail .timeline [data-event='edited']").contains("等级：1级 · 一般 → 3级 · 重大"));
      assertThat(node.get("/api/incidents/" + id).bodyAsJsonObject().getInteger("severity")).isEqualTo(3);
      screenshot("console-notes.png");
    });
  }

  /**
   * A call taken and seen through to the end with the keyboard alone: N, the village by its
   * pinyin initials, Enter, the caller, Ctrl+Enter; the help overlay; J and K through the queue;
   * E escalates; R resolves once confirmed with Enter. Not one mouse event reaches the page.
   */
  @Test
  void anIncidentIsTakenAndResolvedWithTheKeyboardAlone() throws Exception {
    onFailureScreenshot(() -> {
      String older = reportAt("aux-0005", "other");
      logInLive();
      js("window.mouseEvents = []; for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown']) {"
          + " document.addEventListener(type, (e) => {"
          // Enter and Space on a button click it too, with no pointer: detail 0
          + " if (e.isTrusted && (type !== 'click' || e.detail > 0)) window.mouseEvents.push(type); }, true); }");
      wait.until(presenceOfElementLocated(By.cssSelector("#incident-list [data-incident-id='" + older + "']")));
      JsonObject village = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages").getJsonObject(12);
      String name = village.getString("name");

      keys("n");
      wait.until(d -> "intake-place".equals(driver.switchTo().activeElement().getAttribute("id")));
      keys(PinyinInitials.of(name));
      String wanted = "#intake-places li[data-place-id='" + village.getString("id") + "']";
      wait.until(presenceOfElementLocated(By.cssSelector(wanted)));
      for (int i = 0; i < 8 && !textOf(wanted + "[aria-selected='true']").contains(name); i++) {
        keys(org.openqa.selenium.Keys.ARROW_DOWN);
      }
      keys(org.openqa.selenium.Keys.ENTER);
      wait.until(d -> textOf("#intake-where").startsWith(name + " · "));
      keys("张先生", org.openqa.selenium.Keys.TAB, "13700000000", org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.TAB, "有人落水 (keyboard test)");
      new Actions(driver).keyDown(org.openqa.selenium.Keys.CONTROL).sendKeys(org.openqa.selenium.Keys.ENTER).keyUp(org.openqa.selenium.Keys.CONTROL).perform();
      wait.until(d -> textOf("#incident-detail .detail-place").startsWith(name));
      String id = driver.findElement(By.id("incident-detail")).getAttribute("data-incident-id");
      reported.add(id);
      assertThat(id).isNotEqualTo(older);

      keys("?");
      WebElement help = wait.until(visibilityOfElementLocated(By.id("shortcut-help")));
      assertThat(help.getText()).contains("键盘快捷键", "接警", "升级所选警情");
      keys(org.openqa.selenium.Keys.ESCAPE);
      wait.until(d -> !driver.findElement(By.id("shortcut-help")).isDisplayed());

      keys("j");
      wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", older));
      keys("k");
      wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", id));

      keys("e");
      wait.until(d -> Integer.parseInt(driver.findElement(By.id("incident-detail")).getAttribute("data-level")) >= 2);
      keys("r");
      wait.until(visibilityOfElementLocated(By.id("confirm-dialog")));
      assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-yes");
      keys(org.openqa.selenium.Keys.ENTER);
      wait.until(attributeToBe(By.id("incident-detail"), "data-status", "resolved"));
      assertThat(node.get("/api/incidents/" + id).bodyAsJsonObject().getString("status")).isEqualTo("resolved");
      assertThat((List<?>) js("return window.mouseEvents")).as("mouse events on the page").isEmpty();
    });
  }

  /**
   * Two SOS within a minute show as one row counting two; the console rings while either is not
   * acknowledged, offers to take a call where the unit is, and stops once both are acknowledged,
   * one with the A key and one with a click, each showing who acknowledged it.
   */
  @Test
  void sosAlertsRingUntilAcknowledgedByKeyOrClickAndOfferACallWhereTheUnitIs() throws Exception {
    onFailureScreenshot(() -> {
      // what other tests left open would ring too
      node.get("/api/alerts").bodyAsJsonArray().stream().map(JsonObject.class::cast)
          .filter(a -> !a.getBoolean("acknowledged")).forEach(a -> node.post("/api/alerts/" + a.getLong("id") + "/acknowledge",
              new JsonObject()));
      logInLive();
      try (Device first = Device.connect("aux-0006"); Device second = Device.connect("aux-0007")) {
        JsonObject home = unit("aux-0006").getJsonObject("home");
        first.report(home.getDouble("lat"), home.getDouble("lon"));
        wait.until(presenceOfElementLocated(By.cssSelector(unitMarker("aux-0006"))));
        first.sos();
        wait.until(presenceOfElementLocated(By.cssSelector("#alert-list [data-kind='sos']")));
        second.sos();
        driver.findElement(By.cssSelector(".tabs [data-tab='alerts']")).click();
        WebElement burst = wait.until(presenceOfElementLocated(By.cssSelector("#alert-list .alert-row.burst[data-count='2']")));
        assertThat(burst.getText()).contains("2 次");
        int rings = rings();
        wait.until(d -> rings() >= rings + 2);
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ringing")).isEqualTo("true");

        keys("a"); // the newest: the second unit's
        String newest = "#alert-list .alert-row.burst[data-acknowledged='true']";
        wait.until(presenceOfElementLocated(By.cssSelector(newest)));
        assertThat(textOf(newest + " .acknowledged-by")).contains("admin");
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-ringing")).as("the first is still open").isEqualTo("true");

        page.clickWhenThere("#alert-list .burst-toggle");
        String member = "#alert-list .burst-member[data-kind='sos']";
        page.clickWhenThere(member + " [data-action='create-here']");
        WebElement where = wait.until(visibilityOfElementLocated(By.id("intake-where")));
        assertThat(Double.parseDouble(where.getAttribute("data-lat"))).isCloseTo(home.getDouble("lat"), within(1e-6));
        assertThat(Double.parseDouble(where.getAttribute("data-lon"))).isCloseTo(home.getDouble("lon"), within(1e-6));
        keys(org.openqa.selenium.Keys.ESCAPE);

        page.clickWhenThere(member + " [data-action='acknowledge']");
        wait.until(attributeToBe(By.tagName("body"), "data-ringing", "false"));
        wait.until(d -> textOf(member + " .acknowledged-by").contains("admin"));
        assertThat(driver.findElements(By.cssSelector("#alert-list .alert-row[data-kind='sos'][data-acknowledged='false']"))).isEmpty();
      }
    });
  }

  /** At 1280 x 720 the map keeps most of its room with an incident open and the intake on it; the legend starts folded. */
  @Test
  void atTwelveEightyBySevenTwentyTheMapStaysUsable() throws Exception {
    String id = reportAt("aux-0008", "traffic");
    ConsolePage wide = page;
    try (HeadlessChromium small = HeadlessChromium.start(1280, 720)) {
      // the page itself 1280 x 720, whatever the headless window keeps for itself
      small.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
      page = new ConsolePage(small, node);
      driver = page.driver;
      wait = page.wait;
      onFailureScreenshot(() -> {
        logInLive();
        page.clickWhenThere("#incident-list [data-incident-id='" + id + "']");
        wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", id));
        assertThat(driver.findElement(By.cssSelector(".leaflet-control.legend")).getAttribute("class")).contains("collapsed");
        assertThat((Boolean) js("return document.documentElement.scrollWidth <= innerWidth")).as("nothing sticks out sideways").isTrue();

        Map<String, Number> map = rect("#map");
        double mapArea = map.get("w").doubleValue() * map.get("h").doubleValue();
        assertThat(map.get("w").doubleValue()).as("map width").isGreaterThanOrEqualTo(1280 * 0.45);
        long viewport = ((Number) js("return innerHeight")).longValue();
        assertThat(map.get("h").doubleValue()).as("map height in a viewport %d high", viewport)
            .isGreaterThanOrEqualTo(viewport - 60);
        Map<String, Number> legend = rect(".leaflet-control.legend");
        assertThat(legend.get("w").doubleValue() * legend.get("h").doubleValue()).as("legend area").isLessThan(mapArea * 0.02);

        keys("n");
        wait.until(visibilityOfElementLocated(By.id("intake-place")));
        Map<String, Number> intake = rect("#intake");
        assertThat(intake.get("w").doubleValue() * intake.get("h").doubleValue()).as("intake area").isLessThan(mapArea * 0.5);
        screenshot("console-1280x720.png");
      });
    } finally {
      page = wide;
      driver = page.driver;
      wait = page.wait;
    }
  }

  /** Admin logged in, the feed connected. */
  private void logInLive() {
    logIn("admin", TestNode.ADMIN_PASSWORD);
    wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
  }

  /** An incident reported through the API at a unit's home, by admin; cancelled after the test. */
  private String reportAt(String unitId, String type) {
    JsonObject home = unit(unitId).getJsonObject("home");
    var r = node.post("/api/incidents", new JsonObject().put("type", type).put("severity", 1)
        .put("lat", home.getDouble("lat")).put("lon", home.getDouble("lon")).put("source", "walk_in"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    reported.add(r.bodyAsJsonObject().getString("id"));
    return r.bodyAsJsonObject().getString("id");
  }

  /** So that no incident of one test waits for the units another test brings online. */
  @AfterEach
  void cancelReported() {
    reported.forEach(id -> node.post("/api/incidents/" + id + "/cancel", new JsonObject()));
    reported.clear();
  }

  /** Keys to whatever has the focus, as a keyboard sends them. */
  private void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  private int rings() {
    String rings = driver.findElement(By.tagName("body")).getAttribute("data-rings");
    return rings == null ? 0 : Integer.parseInt(rings);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Number> rect(String css) {
    return (Map<String, Number>) js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        + " return {w: r.width, h: r.height};", css);
  }

  // ---------------------------------------------------------------- page helpers

  private void logIn(String username, String password) {
    page.logIn(username, password);
  }

  private String textOf(String css) {
    return page.textOf(css);
  }

  private Object js(String script, Object... args) {
    return page.js(script, args);
  }

  /** A real mouse click on the map, eastPx pixels east of the given point. */
  @SuppressWarnings("unchecked")
  private void clickMapAt(double lat, double lon, int eastPx) {
    Map<String, Number> p = (Map<String, Number>) js(
        "const p = lamplight.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
            + "const size = lamplight.map.getSize();"
            + "return {x: p.x, y: p.y, w: size.x, h: size.y};", lat, lon);
    // Selenium offsets are from the element's centre.
    int dx = (int) Math.round(p.get("x").doubleValue() + eastPx - p.get("w").doubleValue() / 2);
    int dy = (int) Math.round(p.get("y").doubleValue() - p.get("h").doubleValue() / 2);
    new Actions(driver).moveToElement(driver.findElement(By.id("map")), dx, dy).click().perform();
  }

  private void screenshot(String name) throws IOException {
    page.screenshot(name);
  }

  private void onFailureScreenshot(ConsolePage.Steps steps) throws Exception {
    page.onFailureScreenshot("console-failure.png", steps);
  }

  // ---------------------------------------------------------------- the devices and the API

  private static JsonObject unit(String id) {
    return node.get("/api/units").bodyAsJsonArray().stream().map(JsonObject.class::cast)
        .filter(u -> id.equals(u.getString("id"))).findFirst().orElseThrow();
  }

  /** A unit's phone: an MQTT client with the device's id and a freshly issued secret. */
  private static final class Device implements AutoCloseable {
    final String unitId;
    private final String deviceId;
    private final MqttClient client;
    private final BlockingQueue<JsonObject> orders = new LinkedBlockingQueue<>();

    private Device(String unitId) throws MqttException {
      this.unitId = unitId;
      this.deviceId = "dev-" + unitId;
      this.client = new MqttClient("tcp://localhost:" + node.node().gateway().mqttPort(), deviceId, new MemoryPersistence());
    }

    static Device connect(String unitId) throws MqttException {
      Device device = new Device(unitId);
      MqttConnectOptions options = new MqttConnectOptions();
      options.setUserName(device.deviceId);
      options.setPassword(node.issueSecret(device.deviceId).toCharArray());
      options.setCleanSession(true);
      options.setKeepAliveInterval(30);
      device.client.connect(options);
      device.client.subscribe("lamplight/devices/" + device.deviceId + "/orders", 1,
          (topic, message) -> device.orders.add(new JsonObject(new String(message.getPayload(), UTF_8))));
      return device;
    }

    void report(double lat, double lon) throws MqttException {
      publish("position", new JsonObject().put("lat", lat).put("lon", lon).put("ts", System.currentTimeMillis())
          .put("acc", 5).put("hdg", 45).put("batt", 80));
    }

    JsonObject nextOrder() throws InterruptedException {
      JsonObject order = orders.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(order).as("an order on lamplight/devices/%s/orders", deviceId).isNotNull();
      return order;
    }

    void sos() throws MqttException {
      publish("status", new JsonObject().put("state", "sos"));
    }

    void answer(JsonObject order, String action) throws MqttException {
      assertThat(order.getValue("orderId")).as("orderId of %s", order).isNotNull();
      publish("events", new JsonObject().put("orderId", order.getValue("orderId")).put("action", action));
    }

    private void publish(String topic, JsonObject payload) throws MqttException {
      client.publish("lamplight/devices/" + deviceId + "/" + topic, payload.encode().getBytes(UTF_8), 1, false);
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }
}
