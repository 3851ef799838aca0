package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The API explorer in a real (headless) browser: it renders every operation of openapi.yaml from the node alone. */
class ApiExplorerBrowserIT {

  private static TestNode node;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed()).as("chromium and chromedriver (scripts/test installs them)").isTrue();
    node = TestNode.start();
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
  void theExplorerShowsEveryOperationWithoutLoadingAnythingFromElsewhere() {
    WebDriver driver = chromium.driver();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    String origin = "http://localhost:" + node.httpPort();
    driver.get(origin + "/api/docs/");

    wait.until(visibilityOfElementLocated(By.cssSelector(".info .title")));
    assertThat(driver.findElement(By.cssSelector(".info .title")).getText()).contains("Lamplight API");
    wait.until(numberOfElementsToBe(By.cssSelector(".opblock"), operations()));
    assertThat(driver.findElements(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getAttribute("data-path")))
        .contains("/api/incidents", "/api/login", "/ws");
    assertThat(driver.findElements(By.cssSelector(".errors-wrapper"))).isEmpty();

    @SuppressWarnings("unchecked")
    List<String> loaded = (List<String>) ((JavascriptExecutor) driver)
        .executeScript("return performance.getEntriesByType('resource').map(r => r.name)");
    assertThat(loaded).isNotEmpty().allMatch(url -> url.startsWith(origin + "/api/"));
  }

  /** How many operations openapi.yaml has. */
  @SuppressWarnings("unchecked")
  private static int operations() {
    try (InputStream in = ApiExplorerBrowserIT.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
      Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>)
          new Yaml(new SafeConstructor(new LoaderOptions())).<Map<String, Object>>load(in).get("paths");
      return paths.values().stream().mapToInt(Map::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
