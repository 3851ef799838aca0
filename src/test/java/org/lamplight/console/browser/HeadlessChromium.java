package org.lamplight.console.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver. Both executables are named
 * explicitly, so Selenium Manager is never asked to find (or download) anything; the browser gets
 * a fresh profile and its own HOME and XDG directories under one temporary directory, removed on
 * close.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private final Path scratch;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private HeadlessChromium(Path scratch, ChromeDriverService service, ChromeDriver driver) {
    this.scratch = scratch;
    this.service = service;
    this.driver = driver;
  }

  static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** A desktop-sized window, as a dispatcher's console has. */
  static HeadlessChromium start() throws IOException {
    return start(1400, 900);
  }

  /** A window of the given size in CSS pixels, e.g. a phone's 412 x 915. */
  static HeadlessChromium start(int width, int height) throws IOException {
    Path scratch = Files.createTempDirectory("lamplight-chromium");
    Path home = Files.createDirectories(scratch.resolve("home"));
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());

    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + Files.createDirectories(scratch.resolve("profile")));
    // the console's messages, where Chromium reports what the Content-Security-Policy refused
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withEnvironment(Map.of(
            "HOME", home.toString(),
            "XDG_CONFIG_HOME", Files.createDirectories(home.resolve(".config")).toString(),
            "XDG_CACHE_HOME", Files.createDirectories(home.resolve(".cache")).toString()))
        .withLogFile(scratch.resolve("chromedriver.log").toFile())
        .build();
    try {
      return new HeadlessChromium(scratch, service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      delete(scratch);
      throw e;
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Fails when a page loaded or ran something its Content-Security-Policy refused. */
  @Override
  public void close() {
    List<String> refused;
    try {
      refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
          .filter(m -> m.contains("Content Security Policy")).toList();
      driver.quit();
    } finally {
      service.stop();
      delete(scratch);
    }
    if (!refused.isEmpty()) {
      throw new AssertionError("the Content-Security-Policy refused: " + refused);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
