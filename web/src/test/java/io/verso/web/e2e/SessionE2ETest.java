package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * Sessions in a real browser: two tabs of one user whose access token has expired refresh at the
 * same moment (each got a 401), and both stay signed in — before, both presented the same refresh
 * token, the second presentation looked like theft, and the whole session was revoked. The server's
 * grace window is off here ({@code auth.refresh.graceMs: 0}, tested on its own in auth-service), so
 * what keeps the tabs signed in is the browser serialising its refreshes: with Web Locks, and with
 * the localStorage lease where Web Locks are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionE2ETest {
  /** Access tokens (and their cookies) live this long here, so the race comes without waiting 15 min. */
  private static final int ACCESS_TTL_SECONDS = 3;

  private FullStack stack;
  private String base;
  private Chrome chrome;

  @BeforeAll
  void start() {
    stack = new FullStack(new JsonObject().put("auth.jwt.leewaySeconds", 0),
        new JsonObject().put("auth.accessTtlSeconds", ACCESS_TTL_SECONDS).put("auth.refresh.graceMs", 0));
    base = "http://localhost:" + stack.port();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoTabsRefreshingAtTheSameMomentStaySignedIn() throws Exception {
    try (Chrome c = new Chrome()) {
      chrome = c;
      race("two.tabs", false);
    }
  }

  @Test
  void withoutWebLocksTheTabsStillTakeTurns() throws Exception {
    try (Chrome c = new Chrome()) {
      chrome = c;
      race("two.tabs.nolocks", true);
    }
  }

  /** Hides navigator.locks from every page this tab loads from now on (a browser without Web Locks). */
  private void withoutWebLocks() {
    chrome.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
        "Object.defineProperty(Navigator.prototype, 'locks', {get: () => undefined, configurable: true});"));
  }

  private void race(String username, boolean noWebLocks) throws Exception {
    if (noWebLocks) {
      withoutWebLocks();
    }
    chrome.driver.get(base + "/#/signup");
    if (noWebLocks) {
      assertThat(chrome.js("return navigator.locks === undefined")).isEqualTo(true);
    }
    chrome.await("sign-up page", () -> !chrome.driver.findElements(By.id("register-btn")).isEmpty());
    chrome.driver.findElement(By.id("username")).sendKeys(username);
    chrome.driver.findElement(By.id("password")).sendKeys("correct horse two tabs");
    chrome.driver.findElement(By.id("register-btn")).click();
    chrome.await("document list", () -> !chrome.driver.findElements(By.id("docs")).isEmpty());
    assertThat(chrome.js("return fetch('/api/docs', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'test'}, body: JSON.stringify({title: 'Shared by two tabs'})}).then(r => r.status)"))
        .isEqualTo(201L);
    chrome.driver.navigate().refresh();
    String first = chrome.driver.getWindowHandle();
    chrome.driver.switchTo().newWindow(WindowType.TAB);
    if (noWebLocks) {
      withoutWebLocks();
    }
    chrome.driver.get(base + "/#/");
    String second = chrome.driver.getWindowHandle();

    for (int round = 1; round <= 2; round++) {
      for (String tab : new String[] {first, second}) {
        chrome.driver.switchTo().window(tab);
        chrome.await("the list in " + tab, () -> !chrome.driver.findElements(By.cssSelector("#docs li")).isEmpty());
        // each tab reloads its list when the test says go (a BroadcastChannel message reaches both
        // tabs within a millisecond or so): both requests find the access cookie expired
        chrome.js("document.getElementById('docs').dataset.old = 'yes';"
            + "if (!window.__race) { window.__race = new BroadcastChannel('verso-test-race');"
            + " window.__race.onmessage = (e) => { location.hash = '#/round-' + e.data; }; }");
      }
      Thread.sleep(ACCESS_TTL_SECONDS * 1000L + 1500);
      chrome.js("new BroadcastChannel('verso-test-race').postMessage(arguments[0])", round);
      for (String tab : new String[] {first, second}) {
        chrome.driver.switchTo().window(tab);
        int r = round;
        chrome.await("round " + r + ": the reloaded list (or an error) in " + tab, () -> Boolean.TRUE.equals(chrome.js(
            "const d = document.getElementById('docs'); const e = document.getElementById('docs-error');"
                + "return (d !== null && !d.dataset.old && d.querySelector('li') !== null) || (e !== null && e.textContent !== '')")));
        assertThat(chrome.js("return document.getElementById('docs-error').textContent"))
            .as("round %d, tab %s: no error on the list page (the next round needs the session alive)", round, tab)
            .isEqualTo("");
      }
    }
  }
}
