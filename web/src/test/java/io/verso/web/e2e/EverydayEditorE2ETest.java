package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 26's everyday-editor defects, in Chromium with two people on one document: a pasted table
 * arrives as a table on the other page (never refused and undone), on a line of its own; a network that goes
 * away is said within seconds and the edit made meanwhile syncs when it is back; another person's
 * name shows while they are active, then only their caret, and on hover.
 */
class EverydayEditorE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Everyday";
  }

  @BeforeAll
  void bobEditsToo() {
    Object status = alice.js("return fetch('/api/docs/' + arguments[0] + '/members/bob', {method: 'PUT',"
        + " headers: {'Content-Type': 'application/json', 'X-Requested-With': 'verso'}, body: JSON.stringify({role: 'editor'})})"
        + ".then(r => r.status)", docId);
    assertThat(((Number) status).intValue()).isEqualTo(200);
    bob.driver.get(base + "/#/doc/" + docId);
    bob.await("Bob's editor open", () -> "saved".equals(bob.status()));
  }

  @Test
  void aLostNetworkIsSaidWithinSecondsAndTheEditSyncsWhenItIsBack() {
    append(alice, "Before the drop. ");
    awaitTextContains(bob, "Before the drop. ");
    alice.driver.executeCdpCommand("Network.enable", Map.of());
    try {
      network(alice, false);
      within(alice, 5, "Offline — changes will sync", () -> "offline".equals(alice.status()));
      assertThat(alice.js("return document.getElementById('status').textContent")).isEqualTo("Offline — changes will sync");
      alice.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, 'Typed offline.', 'user')");
      assertThat(alice.status()).isEqualTo("offline");
    } finally {
      network(alice, true);
    }
    alice.await("saved after the network came back",
        () -> "saved".equals(alice.status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    awaitTextContains(bob, "Before the drop. Typed offline.");
  }

  @Test
  void aPastedTableArrivesAsATableOnTheOtherPage() {
    append(alice, "Shopping: ");
    String html = "<meta charset=\"utf-8\"><table><tbody><tr><th>Fruit</th><th>Qty</th></tr>"
        + "<tr><td>Apple</td><td><b>3</b></td></tr><tr><td>Pear</td><td><p>12</p><p>green</p></td></tr></tbody></table>";
    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(q.getLength() - 1, 0, 'user');"
        + "const data = new DataTransfer(); data.setData('text/html', arguments[0]);"
        + "data.setData('text/plain', 'Fruit\\tQty\\nApple\\t3\\nPear\\t12');"
        + "q.root.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}))", html);
    alice.await("paste saved", () -> "saved".equals(alice.status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    String cells = "return Array.from(document.querySelectorAll('.ql-editor table tr'), r => Array.from(r.cells, c => c.textContent))";
    java.util.List<?> expected = java.util.List.of(java.util.List.of("Fruit", "Qty"), java.util.List.of("Apple", "3"),
        java.util.List.of("Pear", "12 green"));
    bob.await("the table on Bob's page", () -> expected.equals(bob.js(cells)));
    assertThat(alice.js(cells)).isEqualTo(expected);
    assertThat((String) alice.js("return window.__verso.text()")).as("nothing undone, the text before on its own line")
        .contains("Shopping: \nFruit\nQty\nApple\n3\nPear\n12 green\n");
    assertThat((Boolean) alice.js("return !!document.querySelector('.ql-editor td strong')")).as("bold kept").isTrue();
    assertThat(alice.driver.findElement(By.id("notice")).getText()).as("nothing left out, nothing refused").isEmpty();
  }

  @Test
  void aNameShowsWhileItsPersonIsActiveThenOnlyTheCaretAndTheNameOnHover() {
    append(alice, "Names. ");
    bob.js("const q = window.__verso.quill; q.focus(); q.setSelection(2, 0, 'user')");
    alice.await("Bob's name while he moves", () -> nameShown(alice));
    within(alice, 8, "only Bob's caret a few seconds later", () -> !nameShown(alice));
    assertThat(alice.driver.findElement(By.cssSelector(".ql-cursor")).isDisplayed()).as("the caret stays").isTrue();

    new Actions(alice.driver).moveToElement(alice.driver.findElement(By.cssSelector(".ql-cursor-caret-container"))).perform();
    alice.await("Bob's name on hover", () -> nameShown(alice));
    new Actions(alice.driver).moveToElement(alice.driver.findElement(By.id("status"))).perform();
    within(alice, 5, "hidden once the pointer left", () -> !nameShown(alice));

    bob.js("window.__verso.quill.setSelection(4, 0, 'user')");
    alice.await("Bob's name on new activity", () -> nameShown(alice));
  }

  /** Whether the (one) other person's name flag is visible. */
  private static boolean nameShown(Chrome c) {
    return (Boolean) c.js("const f = document.querySelector('.ql-cursor .ql-cursor-flag');"
        + "if (!f) return false; const s = getComputedStyle(f); return s.visibility === 'visible' && s.opacity === '1'");
  }

  private static void network(Chrome c, boolean online) {
    c.driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !online, "latency", 0,
        "downloadThroughput", -1, "uploadThroughput", -1));
  }

  private static void within(Chrome c, int seconds, String what, java.util.function.Supplier<Boolean> condition) {
    new WebDriverWait(c.driver, Duration.ofSeconds(seconds)).withMessage(what + " within " + seconds + " s; status "
        + c.status()).until(d -> condition.get());
  }

  private static void append(Chrome c, String text) {
    c.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, arguments[0], 'user')", text);
    c.await("saved", () -> "saved".equals(c.status()) && !(Boolean) c.js("return window.__verso.pending()"));
  }

  private static void awaitTextContains(Chrome c, String text) {
    c.await("text " + text, () -> ((String) c.js("return window.__verso.text()")).contains(text));
  }
}
