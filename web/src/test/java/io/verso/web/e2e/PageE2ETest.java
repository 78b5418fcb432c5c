package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The editor page as a page (issue 26's defects): the Download menu closes like a menu, the toolbar
 * looks disabled where the text is read-only, inline code and code blocks look apart, Ctrl+K opens
 * the link box, the tab is named after the document, there is a favicon, and the header fits a
 * phone's width with a notice shown.
 */
class PageE2ETest extends WithAliceAndBob {
  /** Quill's own controls in the toolbar (not the tools added beside them, such as Comment). */
  private static final String QUILL_CONTROLS =
      "Array.from(document.querySelectorAll('.ql-toolbar button:not(#comment-btn):not(#table-menu button),"
      + " .ql-toolbar .ql-picker-label, #table-menu summary'))"; // the Table menu's control is its button, not its items

  @Override
  String title() {
    return "My doc";
  }

  @Test
  void theDownloadMenuClosesOnAChoiceOnEscapeAndOnAClickOutside() {
    openDoc(alice);
    WebElement summary = alice.driver.findElement(By.cssSelector("#export summary"));
    // what a chosen format downloads is EditorE2ETest's; here only the menu, so no file is saved
    alice.js("document.querySelectorAll('#export a').forEach(a => a.addEventListener('click', e => e.preventDefault()))");

    summary.click();
    assertThat(menuOpen()).isTrue();
    alice.driver.findElement(By.cssSelector("#export a[data-format='txt']")).click();
    alice.await("closed on a choice", () -> !menuOpen());

    summary.click();
    assertThat(menuOpen()).isTrue();
    new Actions(alice.driver).sendKeys(Keys.ESCAPE).perform();
    alice.await("closed on Escape", () -> !menuOpen());
    assertThat(alice.js("return document.activeElement === document.querySelector('#export summary')")).isEqualTo(true);

    summary.click();
    assertThat(menuOpen()).isTrue();
    alice.driver.findElement(By.id("status")).click();
    alice.await("closed on a click outside", () -> !menuOpen());

    // a click inside the menu but on none of its items leaves it open
    summary.click();
    alice.js("document.querySelector('#export .menu').click()");
    assertThat(menuOpen()).isTrue();
    summary.click();
    assertThat(menuOpen()).isFalse();
  }

  @Test
  void theToolbarIsDisabledForAViewerAndLiveForAnEditor() {
    setRole("bob", "viewer");
    openDoc(bob);
    bob.await("read-only", () -> "readonly".equals(bob.status()));
    List<Map<String, Object>> viewers = controls(bob);
    assertThat(viewers).hasSizeGreaterThan(10);
    for (Map<String, Object> c : viewers) {
      assertThat(c.get("ariaDisabled")).as("aria-disabled of %s", c.get("name")).isEqualTo("true");
      assertThat(c.get("inTabOrder")).as("%s in the tab order", c.get("name")).isEqualTo(false);
      assertThat(c.get("hit")).as("%s takes clicks", c.get("name")).isEqualTo(false);
      assertThat(((Number) c.get("opacity")).doubleValue()).as("%s greyed", c.get("name")).isLessThan(0.6);
    }
    assertThat(bob.driver.findElement(By.id("comment-btn")).isDisplayed()).as("Comment, for a viewer").isFalse();
    // from the keyboard: Tab from the top of the page never lands in the toolbar
    bob.js("document.getElementById('back').focus()");
    for (int i = 0; i < 25; i++) {
      new Actions(bob.driver).sendKeys(Keys.TAB).perform();
      assertThat(bob.js("return document.activeElement.closest('.ql-toolbar') !== null"))
          .as("tab %d: %s", i, bob.js("return document.activeElement.outerHTML")).isEqualTo(false);
    }

    openDoc(alice);
    List<Map<String, Object>> editors = controls(alice);
    assertThat(editors).hasSameSizeAs(viewers);
    for (Map<String, Object> c : editors) {
      assertThat(c.get("ariaDisabled")).as("aria-disabled of %s", c.get("name")).isNotEqualTo("true");
      assertThat(c.get("inTabOrder")).as("%s in the tab order", c.get("name")).isEqualTo(true);
      assertThat(c.get("hit")).as("%s takes clicks", c.get("name")).isEqualTo(true);
      assertThat(((Number) c.get("opacity")).doubleValue()).as("%s greyed", c.get("name")).isEqualTo(1.0);
    }
  }

  /** Quill's controls on c's page: name, aria-disabled, whether Tab reaches them and a click at their centre, opacity. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> controls(Chrome c) {
    return (List<Map<String, Object>>) c.js("return " + QUILL_CONTROLS + ".map(c => {"
        + " const r = c.getBoundingClientRect(); const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        + " return {name: c.getAttribute('aria-label') || c.className, ariaDisabled: c.getAttribute('aria-disabled'),"
        + " inTabOrder: !c.matches(':disabled') && c.tabIndex >= 0, hit: at !== null && c.contains(at),"
        + " opacity: parseFloat(getComputedStyle(c.closest('.ql-formats')).opacity)}; })");
  }

  @Test
  void inlineCodeAndCodeBlocksHaveTheirOwnIconsAndNames() {
    openDoc(alice);
    String inline = (String) alice.js("return document.querySelector('.ql-toolbar button.ql-code').innerHTML");
    String block = (String) alice.js("return document.querySelector('.ql-toolbar button.ql-code-block').innerHTML");
    assertThat(inline).contains("<svg");
    assertThat(block).contains("<svg").isNotEqualTo(inline);
    assertThat(attr(".ql-toolbar button.ql-code", "title")).isEqualTo("Inline code");
    assertThat(attr(".ql-toolbar button.ql-code", "aria-label")).isEqualTo("Inline code");
    assertThat(attr(".ql-toolbar button.ql-code-block", "title")).isEqualTo("Code block");
    assertThat(attr(".ql-toolbar button.ql-code-block", "aria-label")).isEqualTo("Code block");
    // the tooltips name the keyboard shortcuts
    assertThat(attr(".ql-toolbar button.ql-bold", "title")).isEqualTo("Bold (Ctrl+B)");
    assertThat(attr(".ql-toolbar button.ql-link", "title")).isEqualTo("Link (Ctrl+K)");
  }

  @Test
  void ctrlKOpensTheLinkBoxForTheSelectionAndForTheLinkTheCursorIsIn() {
    setRole("bob", "editor");
    openDoc(alice);
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength() - 1, 'user');"
        + " q.insertText(0, 'see the docs', 'user'); q.focus(); q.setSelection(8, 4, 'user')");
    ctrlK(alice);
    alice.await("the link box, with the selected text", () -> linkBoxOpen(alice));
    WebElement box = alice.driver.findElement(By.cssSelector(".ql-tooltip input[type='text']"));
    assertThat(box.getAttribute("value")).isEqualTo("docs");
    box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "https://example.com/docs", Keys.ENTER);
    alice.await("the selection linked and saved", () -> "saved".equals(alice.status())
        && "https://example.com/docs".equals(storedLinkOn("docs")));

    // the cursor in a link: Ctrl+K edits that link, all of it
    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(10, 0, 'user')");
    ctrlK(alice);
    alice.await("the link box, with the link", () -> linkBoxOpen(alice));
    box = alice.driver.findElement(By.cssSelector(".ql-tooltip input[type='text']"));
    assertThat(box.getAttribute("value")).isEqualTo("https://example.com/docs");
    box.sendKeys(Keys.chord(Keys.CONTROL, "a"), "https://example.com/guide", Keys.ENTER);
    alice.await("the whole link changed", () -> "saved".equals(alice.status())
        && "https://example.com/guide".equals(storedLinkOn("docs")));

    // a viewer gets no link box
    setRole("bob", "viewer");
    openDoc(bob);
    bob.await("read-only", () -> "readonly".equals(bob.status()));
    bob.driver.findElement(By.cssSelector(".ql-editor")).click();
    bob.js("const r = document.createRange(); r.selectNodeContents(document.querySelector('.ql-editor p'));"
        + " getSelection().removeAllRanges(); getSelection().addRange(r)");
    ctrlK(bob);
    assertThat(linkBoxOpen(bob)).isFalse();
  }

  @Test
  void theTabIsNamedAfterTheDocumentAndFollowsItsRenames() {
    setRole("bob", "viewer");
    openDoc(alice);
    openDoc(bob);
    alice.await("the tab named after the document", () -> "My doc — Verso".equals(alice.driver.getTitle()));
    bob.await("on every page", () -> "My doc — Verso".equals(bob.driver.getTitle()));

    alice.driver.findElement(By.id("doc-title")).click();
    alice.driver.findElement(By.id("title-input")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "Renamed doc", Keys.ENTER);
    alice.await("the renamer's tab follows", () -> "Renamed doc — Verso".equals(alice.driver.getTitle()));
    bob.await("another page's tab follows", () -> "Renamed doc — Verso".equals(bob.driver.getTitle()));

    alice.driver.get(base + "/#/");
    alice.await("the document list", () -> !alice.driver.findElements(By.id("docs")).isEmpty());
    assertThat(alice.driver.getTitle()).isEqualTo("Verso");
    assertThat(((Number) alice.js("return fetch('/api/docs/" + docId + "', {method: 'PATCH', headers: {'Content-Type':"
        + " 'application/json', 'X-Requested-With': 'verso'}, body: JSON.stringify({title: 'My doc'})}).then(r => r.status)"))
        .intValue()).isEqualTo(200);
  }

  @Test
  void theAppHasAFavicon() throws Exception {
    alice.driver.get(base + "/#/");
    alice.await("the document list", () -> !alice.driver.findElements(By.id("docs")).isEmpty());
    String href = (String) alice.js("const l = document.querySelector(\"link[rel='icon']\"); return l ? l.href : null");
    assertThat(href).isNotNull().matches(".*/assets/favicon-[A-Za-z0-9]+\\.svg");
    // as the browser gets it (pre-compressed)...
    @SuppressWarnings("unchecked")
    Map<String, Object> got = (Map<String, Object>) alice.js("return fetch(arguments[0]).then(async r => ({status: r.status,"
        + " type: r.headers.get('content-type'), body: await r.text()}))", href);
    assertThat(got.get("status")).isEqualTo(200L);
    assertThat((String) got.get("type")).startsWith("image/svg+xml");
    assertThat((String) got.get("body")).startsWith("<svg");
    // ... and as a client that takes no compression gets it
    HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("content-type").orElse("")).startsWith("image/svg+xml");
    assertThat(plain.body()).startsWith("<svg");
  }

  @Test
  void aNoticeNeverWrapsTheTitle() {
    openDoc(alice);
    assertTitleStaysOnOneLineWithALongNotice();
  }

  @Test
  void onAPhoneTheHeaderFitsShareIsReachableAndTheShareDialogsButtonsShow() {
    setRole("bob", "editor");
    alice.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 375, "height", 740, "deviceScaleFactor", 1, "mobile", false));
    try {
      openDoc(alice);
      assertThat(alice.js("return window.innerWidth")).isEqualTo(375L);
      // nothing wider than the screen, less a scroll bar when the page is taller than the screen
      assertThat(alice.js("const d = document.documentElement; return d.scrollWidth <= d.clientWidth")).as("page width").isEqualTo(true);
      assertThat(alice.js("return document.querySelector('header.bar').getBoundingClientRect().right")).as("header's right edge")
          .satisfies(r -> assertThat(((Number) r).doubleValue()).isLessThanOrEqualTo(375));
      assertTitleStaysOnOneLineWithALongNotice();
      assertThat(alice.js("const d = document.documentElement; return d.scrollWidth <= d.clientWidth")).as("page width with a notice")
          .isEqualTo(true);

      WebElement share = alice.driver.findElement(By.id("share-btn"));
      assertThat(fullyInView(alice, "#share-btn")).as("Share within the screen").isTrue();
      share.click();
      alice.await("the share dialog with its members", () -> !alice.driver.findElements(
          By.cssSelector("#members li[data-username='bob']")).isEmpty());
      @SuppressWarnings("unchecked")
      List<String> cut = (List<String>) alice.js("return Array.from(document.querySelectorAll('dialog#share button,"
          + " dialog#share select, dialog#share input')).filter(b => { const r = b.getBoundingClientRect();"
          + " return r.width === 0 || r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight; })"
          + ".map(b => b.id || b.className || b.textContent)");
      assertThat(cut).as("controls of the share dialog cut off").isEmpty();
      alice.driver.findElement(By.id("share-close")).click();
    } finally {
      alice.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A long notice (as page.tell shows one) goes under the header: the title keeps its one line. */
  private void assertTitleStaysOnOneLineWithALongNotice() {
    alice.js("document.getElementById('notice').textContent = ''");
    double oneLine = titleHeight();
    alice.js("document.getElementById('notice').textContent = arguments[0]",
        "Some of the pasted content could not be kept: this notice is long on purpose, longer than the header is wide,"
        + " so that it has to wrap on any screen.");
    assertThat(titleHeight()).as("title height with a long notice").isEqualTo(oneLine);
    assertThat(fullyInView(alice, "#notice")).as("the notice itself within the screen").isTrue();
    alice.js("document.getElementById('notice').textContent = ''");
  }

  private double titleHeight() {
    return ((Number) alice.js("return document.getElementById('doc-title').getBoundingClientRect().height")).doubleValue();
  }

  private static boolean fullyInView(Chrome c, String selector) {
    return (Boolean) c.js("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        + " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth", selector);
  }

  /** The link on the stored op that inserts exactly {@code text}; null if none. */
  private String storedLinkOn(String text) {
    return stack.open(docId, "x").getJsonArray("content").stream().map(JsonObject.class::cast)
        .filter(op -> text.equals(op.getValue("insert")) && op.getJsonObject("attributes") != null)
        .map(op -> op.getJsonObject("attributes").getString("link")).findFirst().orElse(null);
  }

  private boolean menuOpen() {
    return (Boolean) alice.js("return document.getElementById('export').open");
  }

  private String attr(String selector, String name) {
    return (String) alice.js("return document.querySelector(arguments[0]).getAttribute(arguments[1])", selector, name);
  }

  private static void ctrlK(Chrome c) {
    new Actions(c.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
  }

  private static boolean linkBoxOpen(Chrome c) {
    return (Boolean) c.js("const t = document.querySelector('.ql-tooltip');"
        + " return !!t && t.classList.contains('ql-editing') && !t.classList.contains('ql-hidden')");
  }


}
