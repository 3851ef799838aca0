package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.attributeToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBeMoreThan;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDevice;
import org.lamplight.TestNode;
import org.lamplight.patrol.PatrolCounty;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The patrol and evaluation section in a real (headless) browser over the patrol county, where an
 * auxiliary patrolled a village a few minutes ago: the villages coloured on its map, the charts
 * drawn by the bundled ECharts, the evaluation table drilled from the county to a station, in
 * Chinese and in English, with nothing loaded from elsewhere.
 */
class PatrolBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static TestNode node;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed())
        .as("chromium and chromedriver at %s and %s (scripts/test installs them)", HeadlessChromium.BROWSER, HeadlessChromium.DRIVER)
        .isTrue();
    PatrolCounty.importInto("patrol_browser_it");
    node = PatrolCounty.node("patrol_browser_it", Map.of());
    try (TestDevice aux1 = TestDevice.connect(node, "dev-aux-1")) {
      long now = System.currentTimeMillis();
      for (int m = 12; m >= 0; m--) {
        aux1.at(PatrolCounty.LAT, PatrolCounty.V1, now - m * 60_000L);
      }
    }
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

  @Test
  @SuppressWarnings("unchecked")
  void theSectionShowsTheColouredMapAChartAndTheEvaluationTableInBothLanguages() throws Exception {
    WebDriver driver = chromium.driver();
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
    String origin = "http://localhost:" + node.httpPort();
    driver.get(origin + "/");
    js(driver, "sessionStorage.clear(); localStorage.clear();");
    driver.get(origin + "/");
    try {
      wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
      driver.findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
      driver.findElement(By.id("login-button")).click();
      wait.until(attributeToBe(By.id("connection-status"), "data-state", "connected"));
      wait.until(numberOfElementsToBeMoreThan(By.cssSelector(".leaflet-tooltip.township-label"), 0));

      driver.findElement(By.id("patrol-button")).click();
      wait.until(visibilityOfElementLocated(By.id("patrol-view")));
      wait.until(numberOfElementsToBe(By.cssSelector("#patrol-map path[data-village][data-state='coloured']"), 3));
      assertThat(driver.findElements(By.cssSelector("#patrol-map path[data-village]")).stream()
          .map(p -> p.getAttribute("fill"))).allMatch(fill -> fill.startsWith("hsl"));
      wait.until(numberOfElementsToBeMoreThan(By.cssSelector("#patrol-chart-daily canvas"), 0));
      wait.until(numberOfElementsToBeMoreThan(By.cssSelector("#patrol-chart-ledger canvas"), 0));
      wait.until(numberOfElementsToBe(By.cssSelector("#patrol-table tbody tr[data-kind='station']"), 2));
      assertThat(driver.findElement(By.cssSelector("#patrol-map path[data-village='V1']")).getAttribute("fill"))
          .isNotEqualTo(driver.findElement(By.cssSelector("#patrol-map path[data-village='V2']")).getAttribute("fill"));
      assertThat(driver.findElement(By.cssSelector("#patrol-view h2")).getText()).isEqualTo("巡逻与考核");

      js(driver, "const a = [...document.querySelectorAll('#patrol-table a')].find(a => a.textContent === '西乡派出所');"
          + " a.scrollIntoView(); a.click();");
      wait.until(numberOfElementsToBe(By.cssSelector("#patrol-table tbody tr[data-kind='office']"), 1));
      assertThat(headers(driver)).contains("得分", "等次", "见警率");
      screenshot(driver, "patrol-zh.png");

      driver.findElement(By.id("patrol-lang")).click();
      wait.until(textToBePresentInElementLocated(By.cssSelector("#patrol-view h2"), "Patrol & evaluation"));
      assertThat(headers(driver)).contains("Score", "Class", "Coverage");
      assertThat(driver.findElement(By.cssSelector("#patrol-table tbody tr[data-kind='office']")).getText())
          .contains("前庄警务室");
      screenshot(driver, "patrol-en.png");

      assertThat((List<String>) js(driver, "return performance.getEntriesByType('resource').map(r => r.name)"))
          .isNotEmpty().allMatch(url -> url.startsWith(origin + "/"));
    } catch (Exception | AssertionError e) {
      screenshot(driver, "patrol-failure.png");
      throw e;
    }
  }

  private static List<String> headers(WebDriver driver) {
    return driver.findElements(By.cssSelector("#patrol-table thead th")).stream().map(th -> th.getText()).toList();
  }

  private static Object js(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static void screenshot(WebDriver driver, String name) throws IOException {
    Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }
}
