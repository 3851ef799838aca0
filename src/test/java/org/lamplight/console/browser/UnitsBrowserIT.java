package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's unit tools in a real (headless) browser against a real node: a unit's track played
 * back with its stop; each device is a plain MQTT client.
 */
class UnitsBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final long STEP_MS = 30_000;

  private static TestNode node;
  private static HeadlessChromium chromium;

  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed())
        .as("chromium and chromedriver at %s and %s (scripts/test installs them)", HeadlessChromium.BROWSER, HeadlessChromium.DRIVER)
        .isTrue();
    node = TestNode.start(Map.of());
    chromium = HeadlessChromium.start();
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

  @BeforeEach
  void freshPage() {
    driver = chromium.driver();
    wait = new WebDriverWait(driver, PATIENCE);
    driver.get(consoleUrl());
    js("sessionStorage.clear(); localStorage.clear();");
    driver.get(consoleUrl());
  }

  /**
   * A unit walked north for four and a half minutes, stood four minutes in one place (a few metres
   * of GPS jitter), then walked east: 25 fixes half a minute apart, sent with their own times.
   * The playback draws all 25, marks the one stop with its four minutes, plays to the end, and
   * the slider moves the marker.
   */
  @Test
  void aUnitsTrackIsPlayedBackWithItsStop() throws Exception {
    onFailureScreenshot(() -> {
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
      wait.until(visibilityOfElementLocated(By.id("track-button"))).click();
      new Select(wait.until(visibilityOfElementLocated(By.id("track-unit")))).selectByValue("aux-0010");
      assertThat(new Select(driver.findElement(By.id("track-range"))).getFirstSelectedOption().getAttribute("value"))
          .as("the last hour by default").isEqualTo("1h");

      wait.until(attributeToBe(By.id("track-player"), "data-points", "25"));
      wait.until(presenceOfElementLocated(By.cssSelector(".leaflet-overlay-pane path.track-path[data-points='25']")));
      wait.until(numberOfElementsToBe(By.cssSelector("#track-stops .track-stop"), 1));
      assertThat(textOf("#track-stops .track-stop-duration")).isEqualTo("停留 4 分 0 秒");
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
      wait.until(d -> textOf("#track-play").contains("播放"));
      screenshot("console-track.png");

      // in English
      driver.findElement(By.cssSelector(".topbar .lang-switch")).click();
      wait.until(d -> textOf("#track-stops .track-stop-duration").equals("stayed 4 min 0 s"));
      assertThat(textOf("#track-summary")).startsWith("25 fixes");
    });
  }

  // ---------------------------------------------------------------- page helpers

  private String consoleUrl() {
    return "http://localhost:" + node.httpPort() + "/";
  }

  private void logIn() {
    wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
    driver.findElement(By.id("login-button")).click();
    wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
  }

  /** The playback marker's centre on the page. */
  private Map<?, ?> markerPlace() {
    return (Map<?, ?>) js("const r = document.querySelector('.track-marker').getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2};");
  }

  private static double distancePx(Map<?, ?> a, Map<?, ?> b) {
    return Math.hypot(((Number) a.get("x")).doubleValue() - ((Number) b.get("x")).doubleValue(),
        ((Number) a.get("y")).doubleValue() - ((Number) b.get("y")).doubleValue());
  }

  /** The element's text, or empty while it is not there (lists are redrawn as messages come). */
  private String textOf(String css) {
    try {
      return driver.findElement(By.cssSelector(css)).getText();
    } catch (NoSuchElementException | StaleElementReferenceException e) {
      return "";
    }
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void screenshot(String name) throws IOException {
    Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }

  private interface Steps {
    void run() throws Exception;
  }

  private void onFailureScreenshot(Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      screenshot("units-failure.png");
      throw e;
    }
  }

  private static JsonObject unit(String id) {
    return node.get("/api/units/" + id).bodyAsJsonObject();
  }
}
