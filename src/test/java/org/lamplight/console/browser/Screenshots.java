package org.lamplight.console.browser;

import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBeMoreThan;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.TestTraccarClient;
import org.lamplight.domain.org.PinyinInitials;
import org.lamplight.domain.tracking.UnitView;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The screenshots of the console that docs/screenshots holds and the README shows: a node with
 * the demo county, units reporting around the county town and an incident being dispatched; the
 * live map, taking a call, the day's history, patrol and evaluation and a unit's track played back,
 * in zh-CN and English, at 1600 x 900. {@code scripts/screenshots} runs it; the argument is the directory to write to.
 */
public final class Screenshots {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int UNITS_REPORTING = 60;

  private final TestNode node;
  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final Path out;

  private Screenshots(TestNode node, ChromeDriver driver, Path out) {
    this.node = node;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, PATIENCE);
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "docs/screenshots"));
    try (TestNode node = TestNode.start(); HeadlessChromium chromium = HeadlessChromium.start(1600, 900)) {
      chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", 1600, "height", 900, "deviceScaleFactor", 1, "mobile", false));
      Screenshots shots = new Screenshots(node, chromium.driver(), out);
      JsonObject incident = shots.livePicture();
      UnitView walker = shots.walk();
      for (String lang : List.of("zh-CN", "en")) {
        shots.take(lang, incident, walker);
      }
    }
    // the node's threads do not all stop with it
    System.exit(0);
  }

  /** Units reporting from home (as Traccar Client does), and incidents among them being offered. */
  private JsonObject livePicture() throws Exception {
    report();
    UnitView near = reporting().get(3);
    JsonObject village = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages").getJsonObject(12);
    node.post("/api/incidents", new JsonObject().put("type", "traffic").put("severity", 1)
        .put("lat", near.person().home().lat() + 0.004).put("lon", near.person().home().lon()).put("source", "transfer_122")
        .put("description", "两车追尾，无人受伤"));
    return node.post("/api/incidents", new JsonObject().put("type", "fire").put("severity", 2)
        .put("lat", near.person().home().lat()).put("lon", near.person().home().lon() + 0.003)
        .put("source", "transfer_119").put("callerName", "王先生").put("callerPhone", "13800000000")
        .put("description", "麦秸垛起火，靠近民房 (" + village.getString("name") + ")")).bodyAsJsonObject();
  }

  /**
   * A unit that walked north for twenty minutes, stood ten in one place, then walked east: a track
   * with one stop for the playback, each fix sent with its own time.
   */
  private UnitView walk() throws Exception {
    UnitView walker = node.node().tracking().units().all().stream()
        .filter(u -> u.person().home() != null).skip(UNITS_REPORTING).findFirst().orElseThrow();
    double lat = walker.person().home().lat();
    double lon = walker.person().home().lon();
    long start = (System.currentTimeMillis() - 45 * 60_000L) / 1000 * 1000;
    try (TestDevice device = TestDevice.connect(node, walker.deviceId())) {
      for (int i = 0; i <= 40; i++) {
        long ts = start + i * 60_000L;
        if (i <= 20) {
          device.at(lat + i * 0.0012, lon, ts);
        } else if (i <= 30) {
          device.at(lat + 0.024 + (i % 2) * 0.00005, lon, ts);
        } else {
          device.at(lat + 0.024, lon + (i - 30) * 0.0015, ts);
        }
      }
    }
    return walker;
  }

  private List<UnitView> reporting() {
    return node.node().tracking().units().all().stream()
        .filter(u -> u.person().home() != null).limit(UNITS_REPORTING).toList();
  }

  /** Each unit's position from its home, so that it shows online. */
  private void report() throws Exception {
    for (UnitView u : reporting()) {
      TestTraccarClient.of(node, u.deviceId()).at(u.person().home().lat(), u.person().home().lon());
    }
  }

  private void take(String lang, JsonObject incident, UnitView walker) throws Exception {
    String suffix = lang.equals("en") ? "en" : "zh";
    report();
    driver.get("http://localhost:" + node.httpPort() + "/");
    js("sessionStorage.clear(); localStorage.clear(); localStorage.setItem('lamplight.lang', arguments[0]);", lang);
    driver.get("http://localhost:" + node.httpPort() + "/");
    wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
    driver.findElement(By.id("login-button")).click();
    wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
    wait.until(numberOfElementsToBeMoreThan(By.cssSelector(".leaflet-tooltip.township-label"), 0));

    String id = incident.getString("id");
    wait.until(presenceOfElementLocated(By.cssSelector("#incident-list [data-incident-id='" + id + "']"))).click();
    wait.until(attributeToBe(By.id("incident-detail"), "data-incident-id", id));
    js("lamplight.map.setView([arguments[0], arguments[1]], 14, {animate: false});", incident.getDouble("lat"),
        incident.getDouble("lon"));
    dismissToasts();
    shoot("console-live-" + suffix);

    new Actions(driver).sendKeys("n").perform();
    JsonObject village = node.get("/api/org").bodyAsJsonObject().getJsonArray("villages").getJsonObject(40);
    wait.until(visibilityOfElementLocated(By.id("intake-place"))).sendKeys(PinyinInitials.of(village.getString("name")));
    wait.until(presenceOfElementLocated(By.cssSelector("#intake-places li[data-place-id]")));
    dismissToasts();
    shoot("console-intake-" + suffix);
    new Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();

    new Select(driver.findElement(By.id("incident-view"))).selectByValue("history");
    wait.until(visibilityOfElementLocated(By.id("history-status")));
    new Select(driver.findElement(By.id("history-status"))).selectByValue("");
    wait.until(presenceOfElementLocated(By.cssSelector("#incident-list [data-incident-id='" + id + "']")));
    dismissToasts();
    shoot("console-history-" + suffix);
    new Select(driver.findElement(By.id("incident-view"))).selectByValue("live");

    driver.findElement(By.id("patrol-button")).click();
    wait.until(visibilityOfElementLocated(By.id("patrol-view")));
    wait.until(numberOfElementsToBeMoreThan(By.cssSelector("#patrol-chart-daily canvas"), 0));
    dismissToasts();
    shoot("patrol-" + suffix);
    driver.findElement(By.id("patrol-back")).click();

    driver.findElement(By.cssSelector(".tabs [data-tab='units']")).click();
    wait.until(visibilityOfElementLocated(By.id("track-button"))).click();
    wait.until(visibilityOfElementLocated(By.id("track-search"))).sendKeys(walker.person().id());
    wait.until(d -> !List.of("", "0", "null").contains(String.valueOf(d.findElement(By.id("track-player")).getAttribute("data-points"))));
    wait.until(numberOfElementsToBeMoreThan(By.cssSelector("#track-stops .track-stop"), 0));
    driver.findElement(By.id("track-slider")).sendKeys(org.openqa.selenium.Keys.END);
    dismissToasts();
    shoot("console-track-" + suffix);
  }

  private void dismissToasts() {
    js("document.querySelectorAll('#toasts .toast').forEach((t) => t.remove());");
  }

  private void shoot(String name) throws Exception {
    // the charts' opening animation takes a second; the page has no signal for "drawn"
    driver.executeAsyncScript("setTimeout(arguments[arguments.length - 1], 1200);");
    Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(file, out.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    System.out.println("wrote " + out.resolve(name + ".png"));
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }
}
