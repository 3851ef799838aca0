package org.lamplight.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBeMoreThan;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.TestDatabase;
import org.lamplight.TestNode;
import org.lamplight.TestSecrets;
import org.lamplight.config.Keys;
import org.lamplight.county.TestBundles;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin goes through the administration pages in headless Chromium: creates a person and a
 * device, sees the device's secret and set-up QR code once, edits (and is told what is wrong),
 * retires, uploads a broken bundle and reads its problems, and reads the audit log.
 */
class AdminBrowserIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static TestNode node;
  private static HeadlessChromium chromium;

  @BeforeAll
  static void start() throws Exception {
    assertThat(HeadlessChromium.installed()).as("chromium and chromedriver (scripts/test installs them)").isTrue();
    node = TestNode.start(Map.of(Keys.PG_URL, TestDatabase.url("admin_browser_it"), Keys.DEMO_DATA, false));
    assertThat(node.postBytes("/api/admin/import", TestBundles.zip(TestBundles.small())).bodyAsJsonObject()
        .getJsonArray("secrets")).hasSize(10)
        .allSatisfy(s -> TestSecrets.register("an imported device secret", ((io.vertx.core.json.JsonObject) s)
            .getString("secret")));
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
  void anAdminCreatesEditsAndRetiresUploadsABrokenBundleAndReadsTheAuditLog() throws Exception {
    WebDriver driver = chromium.driver();
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
    driver.get("http://localhost:" + node.httpPort() + "/");
    js(driver, "sessionStorage.clear(); localStorage.clear();");
    driver.get("http://localhost:" + node.httpPort() + "/");
    wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(TestNode.ADMIN_PASSWORD);
    driver.findElement(By.id("login-button")).click();
    wait.until(visibilityOfElementLocated(By.id("admin-button")));
    js(driver, "window.confirm = () => true;"); // retiring asks first
    driver.findElement(By.id("admin-button")).click();
    wait.until(visibilityOfElementLocated(By.id("admin-view")));

    // a person, in the people section (the first one shown)
    wait.until(numberOfElementsToBeMoreThan(By.cssSelector(".admin-table tbody tr"), 5));
    driver.findElement(By.id("admin-new")).click();
    fill(wait, "id", "aux-30");
    fill(wait, "name", "新来的辅警");
    new Select(field(wait, "kind")).selectByValue("auxiliary");
    fill(wait, "phone", "13900000030");
    fill(wait, "post", "W3");
    save(driver);
    wait.until(presenceOfElementLocated(By.cssSelector("tr[data-key='aux-30']")));

    // a wrong post is shown under its field, as the server says it
    row(wait, "aux-30").findElement(By.cssSelector("[data-action='edit']")).click();
    WebElement post = field(wait, "post");
    post.clear();
    post.sendKeys("O1");
    save(driver);
    WebElement error = wait.until(visibilityOfElementLocated(By.cssSelector(".admin-field .field-error:not([hidden])")));
    assertThat(error.getText()).contains("'O1' is an office");
    post.clear();
    post.sendKeys("W2");
    WebElement name = field(wait, "name");
    name.clear();
    name.sendKeys("改过名的辅警");
    save(driver);
    wait.until(textToBePresentInElementLocated(By.cssSelector("tr[data-key='aux-30']"), "改过名的辅警"));
    assertThat(node.get("/api/units/aux-30").bodyAsJsonObject().getString("workstationId")).isEqualTo("W2");

    // a device for them: its secret and QR code are shown once
    section(driver, "devices");
    wait.until(numberOfElementsToBeMoreThan(By.cssSelector(".admin-table tbody tr"), 5));
    driver.findElement(By.id("admin-new")).click();
    fill(wait, "deviceId", "phone-730");
    fill(wait, "personId", "aux-30");
    save(driver);
    String secret = TestSecrets.register("a device secret shown in the console",
        wait.until(visibilityOfElementLocated(By.id("admin-secret-value"))).getAttribute("value"));
    assertThat(secret).hasSizeGreaterThan(16);
    assertThat(driver.findElements(By.cssSelector(".admin-qr svg path"))).hasSize(1);
    driver.findElement(By.id("admin-secret-done")).click();
    wait.until(invisibilityOfElementLocated(By.id("admin-secret-value")));
    assertThat(driver.getPageSource()).as("shown once: gone from the page").doesNotContain(secret);

    // retired: it leaves the list of devices in use
    row(wait, "phone-730").findElement(By.cssSelector("[data-action='retire']")).click();
    wait.until(invisibilityOfElementLocated(By.cssSelector("tr[data-key='phone-730']")));

    // a broken bundle: refused, with its problems listed
    section(driver, "import");
    Map<String, String> files = TestBundles.small();
    TestBundles.replaceLine(files, "stations.csv", "S1,", "S1,西乡派出所,34.425,113.025,T9,");
    Path zip = Files.write(Files.createTempFile("broken", ".zip"), TestBundles.zip(files));
    wait.until(presenceOfElementLocated(By.id("admin-bundle"))).sendKeys(zip.toString());
    driver.findElement(By.id("admin-upload")).click();
    WebElement problems = wait.until(visibilityOfElementLocated(By.cssSelector(".admin-problems tbody")));
    assertThat(problems.getText()).contains("stations.csv").contains("unknown township 'T9'");

    // the audit log has what was done
    section(driver, "audit");
    WebElement audit = wait.until(visibilityOfElementLocated(By.cssSelector(".admin-audit tbody")));
    wait.until(textToBePresentInElementLocated(By.cssSelector(".admin-audit tbody"), "device.retire"));
    assertThat(audit.getText()).contains("person.create", "person.update", "device.create", "county.import");
  }

  private static WebElement field(WebDriverWait wait, String name) {
    return wait.until(visibilityOfElementLocated(By.cssSelector(".admin-form [name='" + name + "']")));
  }

  private static void fill(WebDriverWait wait, String name, String value) {
    WebElement input = field(wait, name);
    input.clear();
    input.sendKeys(value);
  }

  private static void save(WebDriver driver) {
    driver.findElement(By.cssSelector(".admin-form button[type='submit']")).click();
  }

  private static WebElement row(WebDriverWait wait, String key) {
    return wait.until(presenceOfElementLocated(By.cssSelector("tr[data-key='" + key + "']")));
  }

  private static void section(WebDriver driver, String section) {
    driver.findElement(By.cssSelector(".admin-nav [data-section='" + section + "']")).click();
  }

  private static Object js(WebDriver driver, String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }
}
