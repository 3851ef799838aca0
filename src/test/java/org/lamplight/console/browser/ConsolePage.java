package org.lamplight.console.browser;

import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.lamplight.TestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console in the headless browser, as its browser tests use it: opened afresh, logged into, read, scripted, pictured. */
final class ConsolePage {

  static final Duration PATIENCE = Duration.ofSeconds(30);

  final WebDriver driver;
  final WebDriverWait wait;

  /** Opens the node's console with nothing kept from an earlier test (session, language, legend). */
  ConsolePage(HeadlessChromium chromium, TestNode node) {
    this.driver = chromium.driver();
    this.wait = new WebDriverWait(driver, PATIENCE);
    String url = "http://localhost:" + node.httpPort() + "/";
    driver.get(url);
    js("sessionStorage.clear(); localStorage.clear();");
    driver.get(url);
  }

  /** Closes the browser, then the node, whichever of them started. */
  static void close(HeadlessChromium chromium, TestNode node) {
    if (chromium != null) {
      chromium.close();
    }
    if (node != null) {
      node.close();
    }
  }

  void logIn(String username, String password) {
    wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-button")).click();
  }

  /** The element's text, or empty while it is not there (lists are redrawn as messages come). */
  String textOf(String css) {
    try {
      return driver.findElement(By.cssSelector(css)).getText();
    } catch (NoSuchElementException | StaleElementReferenceException e) {
      return "";
    }
  }

  /** Clicks the element, looking it up afresh until the click lands (lists are redrawn as messages come). */
  void clickWhenThere(String css) {
    wait.until(d -> {
      try {
        d.findElement(By.cssSelector(css)).click();
        return true;
      } catch (NoSuchElementException | StaleElementReferenceException e) {
        return false;
      }
    });
  }

  /**
   * Clicks {@code button} until {@code shown} is displayed: a click while the page is still laying
   * itself out (the unit board appearing beside the list) can land beside the button.
   */
  void clickUntilShown(String button, String shown) {
    wait.until(d -> {
      try {
        List<WebElement> found = d.findElements(By.cssSelector(shown));
        if (!found.isEmpty() && found.get(0).isDisplayed()) {
          return true;
        }
        d.findElement(By.cssSelector(button)).click();
        return false;
      } catch (NoSuchElementException | StaleElementReferenceException e) {
        return false;
      }
    });
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Keeps what the page shows as target/{name}. */
  void screenshot(String name) throws IOException {
    Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(Path.of("target"));
    Files.copy(file, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }

  interface Steps {
    void run() throws Exception;
  }

  /** Runs the steps; when they fail, keeps the page as target/{name} first. */
  void onFailureScreenshot(String name, Steps steps) throws Exception {
    try {
      steps.run();
    } catch (Exception | AssertionError e) {
      screenshot(name);
      throw e;
    }
  }
}
