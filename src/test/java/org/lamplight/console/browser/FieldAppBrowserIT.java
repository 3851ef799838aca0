package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lamplight.Await.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestPlans;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The field app in a phone-sized headless Chromium with an emulated location, against a real
 * node: an auxiliary logs in from the link of a QR code, goes on duty, gets an offer for a fire
 * created over the REST API, accepts, drives there, reports on scene and clear, files a fire hazard
 * and reports an incident, each with a photo, loses his connection, files a household visit that
 * waits on the phone (even through a restart of the app without a network) and goes out exactly
 * once when the connection returns, and raises an SOS. The REST API and the console (a second tab)
 * show each step. Another logs in by typing the secret, then with the console's set-up QR code
 * read by the camera (a stand-in camera and decoder, as headless Chromium has neither).
 */
class FieldAppBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String UNIT = "aux-0301";
  private static final String DEVICE = "dev-" + UNIT;

  private static TestNode node;
  private static HeadlessChromium chromium;

  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed()).as("chromium and chromedriver (scripts/test installs them)").isTrue();
    TestDatabase.resetRuntimeTables();
    // offers wait for the test; the phone is moved 300 m at once, which no fix speed limit believes
    node = TestNode.start(Map.of(Keys.DISPATCH_PLANS, TestPlans.oneUnitPerFire(120_000, 5000).toString(),
        Keys.PRESENCE_GRACE, "60s", Keys.FIX_MAX_SPEED, 10_000.0,
        Keys.FIELD_DUTY_PHONE, "0394-1100110"));
    chromium = HeadlessChromium.start(412, 915);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (node != null) {
      node.close();
    }
  }

  /** Takes the shared browser for a test, and answers the node's origin. */
  private String drive() {
    driver = chromium.driver();
    wait = new WebDriverWait(driver, PATIENCE);
    return "http://localhost:" + node.httpPort();
  }

  @Test
  void anAuxiliaryAnswersAnOfferReportsAndFilesHisLedgerThroughALostConnection() throws Exception {
    String origin = drive();
    JsonObject home = unit().getJsonObject("home");
    double lat = home.getDouble("lat");
    double lon = home.getDouble("lon");
    cdp("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("geolocation")));
    locate(lat, lon);
    try {
      // logs in from the QR code's link; the secret leaves the address bar at once
      String secret = node.issueSecret(DEVICE);
      driver.get(origin + "/field/#login=" + DEVICE + ":" + secret);
      wait.until(visibilityOfElementLocated(By.id("home-view")));
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      String token = TestSecrets.register("the field app's device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      assertThat(driver.getCurrentUrl()).isEqualTo(origin + "/field/");
      assertThat((String) js("return location.hash + history.state")).doesNotContain(secret);
      assertThat(driver.findElement(By.id("who")).getText()).isEqualTo(unit().getString("name"));
      assertThat(driver.findElement(By.id("call-duty")).getAttribute("href")).isEqualTo("tel:0394-1100110");
      await().until(() -> unit().getBoolean("online") && "orders".equals(unit().getString("channel")));
      await().until(() -> near(unit().getJsonObject("position"), lat, lon));
      screenshot("field-home.png");

      // what the phone does to be noticed: vibration and tones, counted
      js("window.vibrations = []; navigator.vibrate = (pattern) => window.vibrations.push(pattern) > 0;"
          + "window.tones = 0; const tone = AudioContext.prototype.createOscillator;"
          + "AudioContext.prototype.createOscillator = function () { window.tones += 1; return tone.call(this); };");

      // goes on duty (and the console sees it)
      WebElement duty = driver.findElement(By.id("duty-button"));
      if ("true".equals(duty.getAttribute("data-on"))) {
        duty.click();
        await().until(() -> !unit().getBoolean("onDuty"));
      }
      duty.click();
      wait.until(attributeToBe(By.id("duty-button"), "data-on", "true"));
      await().until(() -> unit().getBoolean("onDuty"));

      // a fire 300 m north, called in by a neighbour, is offered to him: type, severity, the way there, the countdown
      double fireLat = lat + 0.0027;
      JsonObject offered = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", fireLat).put("lon", lon).put("description", "麦秸垛起火").put("source", "transfer_119")
          .put("callerName", "王先生").put("callerPhone", "13800000000")).bodyAsJsonObject();
      String fire = offered.getString("id");
      wait.until(visibilityOfElementLocated(By.id("offer")));
      assertThat(driver.findElement(By.id("offer-type")).getText()).isEqualTo("火灾");
      assertThat(driver.findElement(By.id("offer-number")).getText()).isEqualTo("警情编号 " + offered.getString("number"));
      assertThat(driver.findElement(By.id("offer-severity")).getText()).contains("1");
      assertThat(driver.findElement(By.id("offer-place")).getText()).contains("麦秸垛起火");
      assertThat(driver.findElement(By.id("offer")).getText()).as("no resident's number before he takes the job")
          .doesNotContain("13800000000");
      String village = node.get("/api/device/route?toLat=" + fireLat + "&toLon=" + lon, token).bodyAsJsonObject()
          .getString("place");
      wait.until(d -> d.findElement(By.id("offer-place")).getText().contains(village));
      wait.until(d -> d.findElement(By.id("offer-countdown")).getText().matches(".*\\d+.*"));
      wait.until(d -> d.findElement(By.id("offer-distance")).getText().matches(".*公里.*分钟.*"));
      assertThat(js("return window.vibrations")).as("the offer vibrates the phone").asList().isNotEmpty();
      assertThat(((Number) js("return window.tones")).intValue()).as("and sounds").isPositive();
      screenshot("field-offer.png");

      driver.findElement(By.id("offer-accept")).click();
      await().until(() -> "accepted".equals(assignment(fire)));
      wait.until(attributeToBe(By.id("job"), "data-status", "accepted"));
      wait.until(presenceOfElementLocated(By.cssSelector("#job-map path.job-route")));
      // once he took it, one tap calls the neighbour or the duty desk
      WebElement caller = wait.until(visibilityOfElementLocated(By.id("job-call-caller")));
      assertThat(caller.getAttribute("href")).isEqualTo("tel:13800000000");
      assertThat(caller.getText()).contains("王先生");
      assertThat(driver.findElement(By.id("call-duty")).getAttribute("href")).isEqualTo("tel:0394-1100110");

      driver.findElement(By.id("job-step")).click();
      await().until(() -> "enroute".equals(assignment(fire)));
      locate(fireLat, lon);
      await().until(() -> near(unit().getJsonObject("position"), fireLat, lon));
      wait.until(attributeToBe(By.id("job-step"), "data-action", "onscene"));
      screenshot("field-job.png");
      driver.findElement(By.id("job-step")).click();
      await().until(() -> "on_scene".equals(assignment(fire)));
      driver.findElement(By.id("job-step")).click();
      await().until(() -> "cleared".equals(assignment(fire)));
      wait.until(invisibilityOfElementLocated(By.id("job")));
      // and drives back to his village
      locate(lat, lon);
      await().until(() -> near(unit().getJsonObject("position"), lat, lon));

      // a second fire he declines, saying why
      String second = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", fireLat + 0.002).put("lon", lon).put("description", "第二处火情")).bodyAsJsonObject().getString("id");
      wait.until(visibilityOfElementLocated(By.id("offer")));
      driver.findElement(By.id("offer-decline")).click();
      wait.until(visibilityOfElementLocated(By.cssSelector("#decline-reasons [data-reason='far']"))).click();
      await().until(() -> "declined".equals(assignment(second)));
      assertThat(node.get("/api/incidents/" + second).bodyAsJsonObject().getJsonArray("assignments").getJsonObject(0)
          .getString("reason")).isEqualTo("距离太远");
      wait.until(invisibilityOfElementLocated(By.id("offer")));
      node.post("/api/incidents/" + second + "/cancel", new JsonObject().put("reason", "test"));

      // an offer he takes without a connection, withdrawn meanwhile by the duty desk: when the
      // acceptance goes out it is refused, and the app says why in his language
      String withdrawn = node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 1)
          .put("lat", fireLat + 0.004).put("lon", lon).put("description", "第三处火情")).bodyAsJsonObject().getString("id");
      wait.until(visibilityOfElementLocated(By.id("offer")));
      cdp("Network.enable", Map.of());
      network(true);
      js("lamplightField.dropConnection()");
      wait.until(attributeToBe(By.id("conn"), "data-state", "offline"));
      driver.findElement(By.id("offer-accept")).click();
      wait.until(attributeToBe(By.id("waiting"), "data-count", "1"));
      assertThat(node.post("/api/incidents/" + withdrawn + "/cancel", new JsonObject().put("reason", "重复报警"))
          .statusCode()).isEqualTo(200);
      network(false);
      wait.until(attributeToBe(By.id("waiting"), "data-count", "0"));
      driver.findElement(By.id("waiting")).click();
      wait.until(d -> d.findElement(By.id("refused-list")).getText().contains("接受派单: 该任务已不存在或已结束"));
      driver.findElement(By.cssSelector("#outbox-view .back")).click();
      assertThat(assignment(withdrawn)).isNotEqualTo("accepted");

      // English on a tap
      driver.findElement(By.cssSelector("#home-view .lang-button")).click();
      assertThat(driver.findElement(By.id("report-button")).getText()).isEqualTo("Report incident");
      driver.findElement(By.cssSelector("#home-view .lang-button")).click();
      assertThat(driver.findElement(By.id("report-button")).getText()).isEqualTo("上报警情");

      // a fire hazard, with a photo
      Path picture = picture();
      driver.findElement(By.id("ledger-button")).click();
      choose("ledger-kind", "fire_hazard");
      driver.findElement(By.id("ledger-note")).sendKeys("柴草堆靠近灶房");
      driver.findElement(By.id("ledger-photo")).sendKeys(picture.toString());
      driver.findElement(By.id("ledger-send")).click();
      await().until(() -> ledger("fire_hazard").size() == 1);
      JsonObject hazard = ledger("fire_hazard").get(0);
      assertThat(hazard.getString("photoId")).isNotNull();
      assertThat(hazard.getString("clientId")).isNotNull();
      assertThat(count("select count(*) from field_photos where photo_id = '" + hazard.getString("photoId")
          + "' and device_id = '" + DEVICE + "'")).isEqualTo(1);

      // an incident he found, with a photo, at his position
      driver.findElement(By.id("report-button")).click();
      choose("report-type", "traffic");
      driver.findElement(By.id("report-note")).sendKeys("三轮车侧翻");
      driver.findElement(By.id("report-photo")).sendKeys(picture.toString());
      driver.findElement(By.id("report-send")).click();
      await().until(() -> count("select count(*) from incidents where reported_by = '" + UNIT + "'") == 1);
      String reported = reportedIncident();
      await().until(() -> node.get("/api/incidents/" + reported + "/photos").bodyAsJsonArray().size() == 1);
      wait.until(attributeToBe(By.id("waiting"), "data-count", "0"));

      // coverage goes: a household visit waits on the phone, shown as waiting
      cdp("Network.enable", Map.of());
      network(true);
      js("lamplightField.dropConnection()");
      wait.until(attributeToBe(By.id("conn"), "data-state", "offline"));
      driver.findElement(By.id("ledger-button")).click();
      choose("ledger-kind", "household_visit");
      driver.findElement(By.id("ledger-note")).sendKeys("张家，3 人在家");
      driver.findElement(By.id("ledger-send")).click();
      wait.until(attributeToBe(By.id("waiting"), "data-count", "1"));
      // still without a connection: the app keeps trying (connecting) and falls back (offline)
      assertThat(driver.findElement(By.id("conn")).getAttribute("data-state")).isIn("offline", "connecting");
      // the app starts without a network, from what its service worker kept, with the visit still waiting
      driver.navigate().refresh();
      wait.until(visibilityOfElementLocated(By.id("home-view")));
      wait.until(attributeToBe(By.id("waiting"), "data-count", "1"));
      driver.findElement(By.id("waiting")).click();
      wait.until(d -> d.findElement(By.id("outbox-list")).getText().contains("入户走访"));
      screenshot("field-waiting.png");
      driver.findElement(By.cssSelector("#outbox-view .back")).click();
      assertThat(ledger("household_visit")).isEmpty();

      // and goes out once the connection returns, exactly once
      network(false);
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      wait.until(attributeToBe(By.id("waiting"), "data-count", "0"));
      await().until(() -> ledger("household_visit").size() == 1);
      assertThat(ledger("household_visit").get(0).getString("note")).isEqualTo("张家，3 人在家");
      screenshot("field-sent.png");

      // his day: the offers he answered, the visit he filed, the hazard awaiting rectification in his village
      driver.findElement(By.id("day-button")).click();
      wait.until(attributeToBe(By.id("day-status"), "data-state", "loaded"));
      WebElement offers = driver.findElement(By.id("day-offers"));
      assertThat(offers.getAttribute("data-accepted")).isEqualTo("1");
      assertThat(offers.getAttribute("data-declined")).isEqualTo("1");
      assertThat(driver.findElement(By.cssSelector("#day-answers li[data-number='" + offered.getString("number") + "']"))
          .getAttribute("data-answer")).isEqualTo("accepted");
      assertThat(driver.findElements(By.cssSelector("#day-answers li[data-answer='declined']"))).hasSize(1);
      assertThat(driver.findElement(By.cssSelector("#day-ledger li[data-kind='household_visit']"))
          .getAttribute("data-entries")).isEqualTo("1");
      assertThat(driver.findElement(By.cssSelector("#day-ledger li[data-kind='fire_hazard']"))
          .getAttribute("data-entries")).isEqualTo("1");
      assertThat(driver.findElements(By.cssSelector("#day-hazards li[data-status='reported']")).stream()
          .map(WebElement::getText).filter(text -> text.contains("柴草堆靠近灶房")).toList())
          .singleElement().asString().contains("火灾隐患", "已上报");
      assertThat(driver.findElement(By.id("day-post")).getAttribute("data-minutes")).matches("\\d+");
      screenshot("field-day.png");
      driver.findElement(By.cssSelector("#day-view .back")).click();

      // SOS: one long press, then the confirmation
      new Actions(driver).clickAndHold(driver.findElement(By.id("sos-button"))).pause(Duration.ofMillis(2300)).release()
          .perform();
      wait.until(visibilityOfElementLocated(By.id("sos-dialog")));
      driver.findElement(By.id("sos-confirm")).click();
      await().until(() -> unit().getBoolean("sos"));

      // the console shows the job he cleared and the photo of the incident he reported
      driver.switchTo().newWindow(WindowType.TAB);
      driver.get(origin + "/");
      wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
      driver.findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
      driver.findElement(By.id("login-button")).click();
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      // the list is drawn again as the feed brings news: click the row as it is now
      wait.ignoring(StaleElementReferenceException.class).until(d -> {
        d.findElement(By.cssSelector("#incident-list [data-incident-id='" + reported + "']")).click();
        return true;
      });
      wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", reported));
      WebElement photo = wait.until(visibilityOfElementLocated(By.cssSelector("#incident-detail img.detail-photo")));
      wait.until(d -> ((Number) js("return arguments[0].naturalWidth", photo)).intValue() > 0);
      screenshot("field-console-photo.png");
    } catch (Exception | AssertionError e) {
      screenshot("field-failure.png");
      throw e;
    } finally {
      network(false);
    }
  }

  @Test
  void theAppLogsInWithATypedSecretOrTheConsolesSetUpCodeScannedWithTheCamera() throws Exception {
    String origin = drive();
    String device = "dev-aux-0302";
    String secret = node.issueSecret(device);
    String setup = new JsonObject().put("lamplight", 1).put("server", origin).put("deviceId", device)
        .put("secret", secret).encode();
    driver.switchTo().newWindow(WindowType.TAB);
    try {
      // a phone whose browser reads QR codes, its camera before the code
      cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", "window.BarcodeDetector = class {"
          + " async detect() { return [{ rawValue: 'not a set-up code' }, { rawValue: " + Json.encode(setup) + " }]; } };"
          + "navigator.mediaDevices.getUserMedia = async () => { const c = document.createElement('canvas');"
          + " c.width = 64; c.height = 64; c.getContext('2d').fillRect(0, 0, 64, 64); return c.captureStream(5); };"));
      driver.get(origin + "/field/");
      js("localStorage.clear()");
      driver.navigate().refresh();

      // typed: a wrong secret is refused and said so, the right one logs in; logging out forgets it
      wait.until(visibilityOfElementLocated(By.id("device-id"))).sendKeys(device);
      driver.findElement(By.id("secret")).sendKeys("not-the-secret");
      driver.findElement(By.id("login-button")).click();
      wait.until(visibilityOfElementLocated(By.id("login-error")));
      driver.findElement(By.id("secret")).clear();
      driver.findElement(By.id("secret")).sendKeys(secret);
      driver.findElement(By.id("login-button")).click();
      wait.until(visibilityOfElementLocated(By.id("home-view")));
      TestSecrets.register("the typed-in app's device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      driver.findElement(By.id("logout-button")).click();
      wait.until(visibilityOfElementLocated(By.id("login-view")));
      assertThat(js("return localStorage.getItem('lamplight.field.session')")).isNull();

      // scanned
      wait.until(visibilityOfElementLocated(By.id("scan-button"))).click();
      wait.until(visibilityOfElementLocated(By.id("home-view")));
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      TestSecrets.register("the scanned app's device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      assertThat(driver.findElement(By.id("unit-id")).getText()).isEqualTo("aux-0302");
      assertThat((Boolean) js("return document.getElementById('scan-video').srcObject === null"))
          .as("the camera is let go").isTrue();
      // what counts as a set-up code: the console's, or a link to the app with the login in its fragment
      Object read = ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "import('/field/scan.js').then((m) => done(["
          + "m.setupOf('{\"lamplight\":1,\"server\":\"https://x.example/ll\",\"deviceId\":\"dev-1\",\"secret\":\"s\"}'),"
          + "m.setupOf('https://x.example/field/#login=dev-2:a%2Fb'),"
          + "m.setupOf('{\"lamplight\":2,\"deviceId\":\"dev-3\",\"secret\":\"s\"}'), m.setupOf('hello')]))");
      assertThat(read).asList().containsExactly(Map.of("server", "https://x.example/ll", "deviceId", "dev-1", "secret", "s"),
          Map.of("deviceId", "dev-2", "secret", "a/b"), null, null);
    } catch (Exception | AssertionError e) {
      screenshot("field-scan-failure.png");
      throw e;
    } finally {
      js("localStorage.clear()");
      driver.close();
      driver.switchTo().window(driver.getWindowHandles().iterator().next());
    }
  }

  @Test
  void whatWaitsOnThePhoneOutlivesALapsedLoginAndGoesOutOnceWhenTheSameDeviceLogsInAgain() throws Exception {
    String origin = drive();
    String device = "dev-aux-0303";
    String other = "dev-aux-0304";
    driver.switchTo().newWindow(WindowType.TAB);
    // an entry without a position of its own is placed at the unit's last fix
    JsonObject home = node.get("/api/units/aux-0303").bodyAsJsonObject().getJsonObject("home");
    cdp("Browser.grantPermissions", Map.of("origin", origin, "permissions", List.of("geolocation")));
    locate(home.getDouble("lat"), home.getDouble("lon"));
    try {
      driver.get(origin + "/field/");
      js("localStorage.clear()");
      driver.navigate().refresh();
      typeLogin(device, node.issueSecret(device));
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      TestSecrets.register("the lapsing app's device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      offDuty();

      // offline, a household visit waits; meanwhile an admin issues a new secret, so the token lapses
      String visit = queueOffline("household_visit", "李家，无人在家");
      String secret = node.issueSecret(device);
      network(false);
      wait.until(visibilityOfElementLocated(By.id("login-view")));
      assertThat(driver.findElement(By.id("login-error")).getText()).contains("1 条未发送的记录已保留");
      assertThat(js("return JSON.parse(localStorage.getItem('lamplight.field.outbox')).map(i => i.id)")).asList()
          .contains(visit);
      assertThat(ledger("aux-0303", "household_visit")).isEmpty();

      // the same device logs in again: the visit goes out under the id it was made with, once
      typeLogin(device, secret);
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      TestSecrets.register("the lapsing app's second device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      wait.until(attributeToBe(By.id("waiting"), "data-count", "0"));
      await().until(() -> ledger("aux-0303", "household_visit").size() == 1);
      assertThat(ledger("aux-0303", "household_visit").get(0).getString("clientId")).isEqualTo(visit);

      // lapsed again with a safety talk waiting, and another device logs in: asked first, the
      // first device's queue is dropped rather than sent as the other's
      queueOffline("safety_talk", "防溺水宣传");
      node.issueSecret(device);
      network(false);
      wait.until(visibilityOfElementLocated(By.id("login-view")));
      js("window.confirm = (m) => { window.asked = m; return true; }");
      typeLogin(other, node.issueSecret(other));
      wait.until(attributeToBe(By.id("conn"), "data-state", "online"));
      TestSecrets.register("the other app's device token",
          (String) js("return JSON.parse(localStorage.getItem('lamplight.field.session')).token"));
      assertThat((String) js("return window.asked")).contains(device);
      assertThat(driver.findElement(By.id("waiting")).getAttribute("data-count")).isEqualTo("0");
      assertThat(js("return JSON.parse(localStorage.getItem('lamplight.field.outbox')).length")).isEqualTo(0L);
      offDuty();
      assertThat(ledger("aux-0304", "safety_talk")).isEmpty();
      assertThat(ledger("aux-0303", "safety_talk")).isEmpty();

      // a phone with no room left for the photo says so, and the entry goes without it
      js("const set = Storage.prototype.setItem; Storage.prototype.setItem = function (k, v) {"
          + " if (k.startsWith('lamplight.field.photo.')) throw new DOMException('full', 'QuotaExceededError');"
          + " return set.call(this, k, v); };");
      driver.findElement(By.id("ledger-button")).click();
      choose("ledger-kind", "fire_hazard");
      driver.findElement(By.id("ledger-note")).sendKeys("电线私拉乱接");
      driver.findElement(By.id("ledger-photo")).sendKeys(picture().toString());
      driver.findElement(By.id("ledger-send")).click();
      wait.until(d -> d.findElement(By.id("toast")).getText().contains("照片未能保存"));
      await().until(() -> ledger("aux-0304", "fire_hazard").size() == 1);
      assertThat(ledger("aux-0304", "fire_hazard").get(0).getString("photoId")).isNull();
    } catch (Exception | AssertionError e) {
      screenshot("field-lapsed-failure.png");
      throw e;
    } finally {
      network(false);
      js("localStorage.clear()");
      driver.close();
      driver.switchTo().window(driver.getWindowHandles().iterator().next());
    }
  }

  /** Off duty, so that the other test's fires are offered to its unit rather than to this one. */
  private void offDuty() {
    if ("true".equals(driver.findElement(By.id("duty-button")).getAttribute("data-on"))) {
      driver.findElement(By.id("duty-button")).click();
      wait.until(attributeToBe(By.id("duty-button"), "data-on", "false"));
      wait.until(attributeToBe(By.id("waiting"), "data-count", "0"));
    }
  }

  /** Without coverage, files a ledger entry; returns the id it waits under. */
  private String queueOffline(String kind, String note) {
    cdp("Network.enable", Map.of());
    network(true);
    js("lamplightField.dropConnection()");
    wait.until(attributeToBe(By.id("conn"), "data-state", "offline"));
    driver.findElement(By.id("ledger-button")).click();
    choose("ledger-kind", kind);
    driver.findElement(By.id("ledger-note")).sendKeys(note);
    driver.findElement(By.id("ledger-send")).click();
    wait.until(attributeToBe(By.id("waiting"), "data-count", "1"));
    return (String) js("return JSON.parse(localStorage.getItem('lamplight.field.outbox'))"
        + ".find((i) => i.topic === 'events').id");
  }

  private void typeLogin(String device, String secret) {
    WebElement id = wait.until(visibilityOfElementLocated(By.id("device-id")));
    id.clear();
    id.sendKeys(device);
    driver.findElement(By.id("secret")).clear();
    driver.findElement(By.id("secret")).sendKeys(secret);
    driver.findElement(By.id("login-button")).click();
    wait.until(visibilityOfElementLocated(By.id("home-view")));
  }

  // ---------------------------------------------------------------- the browser


  private Object cdp(String command, Map<String, Object> params) {
    return driver.executeCdpCommand(command, params);
  }

  private void locate(double lat, double lon) {
    cdp("Emulation.setGeolocationOverride", Map.of("latitude", lat, "longitude", lon, "accuracy", 8));
  }

  private void network(boolean offline) {
    cdp("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0, "downloadThroughput", -1,
        "uploadThroughput", -1));
  }

  private void choose(String name, String value) {
    WebElement input = wait.until(presenceOfElementLocated(By.cssSelector("input[name='" + name + "'][value='" + value + "']")));
    new Actions(driver).click(input.findElement(By.xpath(".."))).perform();
    assertThat(input.isSelected()).isTrue();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void screenshot(String name) throws IOException {
    Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** A photo as a phone camera makes it: a JPEG larger than the app sends. */
  private static Path picture() throws IOException {
    BufferedImage image = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(200, 120, 40));
    g.fillRect(0, 0, 2400, 1800);
    g.setColor(Color.DARK_GRAY);
    g.fillOval(600, 400, 1200, 1000);
    g.dispose();
    Path file = Files.createTempFile("hazard", ".jpg");
    ImageIO.write(image, "jpg", file.toFile());
    return file;
  }

  // ---------------------------------------------------------------- the server's view

  private static JsonObject unit() {
    return node.get("/api/units/" + UNIT).bodyAsJsonObject();
  }

  private static boolean near(JsonObject position, double lat, double lon) {
    return position != null && Math.abs(position.getDouble("lat") - lat) < 1e-6
        && Math.abs(position.getDouble("lon") - lon) < 1e-6;
  }

  private static String assignment(String incidentId) {
    return node.get("/api/incidents/" + incidentId).bodyAsJsonObject().getJsonArray("assignments").stream()
        .map(JsonObject.class::cast).filter(a -> UNIT.equals(a.getString("unitId")))
        .map(a -> a.getString("status")).reduce((a, b) -> b).orElse(null);
  }

  /** The unit's entries of a kind in the ledger, as stored. */
  private static List<JsonObject> ledger(String kind) {
    return ledger(UNIT, kind);
  }

  private static List<JsonObject> ledger(String unit, String kind) {
    return node.get("/api/ledger?unit=" + unit + "&kind=" + kind).bodyAsJsonArray().stream()
        .map(JsonObject.class::cast).toList();
  }

  private static String reportedIncident() throws Exception {
    try (var c = TestDatabase.connect("postgres");
         ResultSet rs = c.createStatement().executeQuery("select id from incidents where reported_by = '" + UNIT + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long count(String sql) throws Exception {
    try (var c = TestDatabase.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
