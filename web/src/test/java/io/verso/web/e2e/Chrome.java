package io.verso.web.e2e;

import java.io.File;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium (Debian's chromium + chromium-driver), i.e. one browser context with its own cookies. */
public final class Chrome implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("verso.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("verso.chromedriver", "/usr/bin/chromedriver");

  public final ChromeDriver driver;

  public Chrome() {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver packages ("
          + CHROMIUM + ", " + DRIVER + "): apt-get install -y chromium chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1100,800", "--disable-extensions", "--no-first-run", "--mute-audio",
        "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  public void await(String what, Supplier<Boolean> condition) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(d -> condition.get());
    } catch (RuntimeException e) {
      throw new AssertionError(what + " did not happen; page " + driver.getCurrentUrl() + ", status "
          + js("const s = document.getElementById('status'); return s ? s.textContent : null")
          + "; browser console:\n" + consoleLog(), e);
    }
  }

  /** The browser's console messages since the last call. */
  public String consoleLog() {
    StringBuilder sb = new StringBuilder();
    try {
      driver.manage().logs().get("browser").forEach(entry -> sb.append("  ").append(entry.getLevel()).append(' ')
          .append(entry.getMessage()).append('\n'));
    } catch (RuntimeException e) {
      sb.append("  (no console log: ").append(e.getMessage()).append(")\n");
    }
    return sb.toString();
  }

  /**
   * Signs up on the app's sign-up page and waits for the document list; the password is
   * "correct horse " + username, the display name is left empty when null.
   */
  public void signUp(String base, String username, String displayName) {
    driver.get(base + "/#/signup");
    await("sign-up page", () -> !driver.findElements(By.id("register-btn")).isEmpty());
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("correct horse " + username);
    if (displayName != null) {
      driver.findElement(By.id("displayName")).sendKeys(displayName);
    }
    driver.findElement(By.id("register-btn")).click();
    await("document list of " + username, () -> !driver.findElements(By.id("docs")).isEmpty());
  }

  /**
   * Creates a document titled {@code title} from the document list on screen and waits for its editor;
   * gives the new document's id (from the page's address).
   */
  public String createDocument(String title) {
    driver.findElement(By.id("new-title")).sendKeys(title);
    driver.findElement(By.id("create-btn")).click();
    await("editor open", () -> "saved".equals(status()));
    return driver.getCurrentUrl().replaceAll(".*#/doc/", "");
  }

  /** The page's save status ({@code data-status} of {@code #status}), null before there is one. */
  public String status() {
    return (String) js("const s = document.getElementById('status'); return s ? s.dataset.status : null");
  }

  public WebDriver d() {
    return driver;
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** Closes each browser that was started (null: never started), ignoring those already gone. */
  public static void closeAll(Chrome... browsers) {
    for (Chrome c : browsers) {
      if (c != null) {
        try {
          c.close();
        } catch (RuntimeException e) {
          // already gone
        }
      }
    }
  }
}
