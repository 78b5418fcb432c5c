package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The editor page on a phone, 375 × 740 (issue 26): the page never scrolls sideways, and every
 * control of the toolbar, the find bar, Share and the Download menu is on the screen, whole, and
 * works by tapping.
 */
class PhoneLayoutE2ETest extends WithAliceAndBob {
  /** The controls of `selector`'s elements that are shown but not wholly within the screen's width. */
  private static final String CUT_OFF = "return Array.from(document.querySelectorAll(arguments[0]))"
      + ".filter(e => e.getClientRects().length > 0).filter(e => { const r = e.getBoundingClientRect();"
      + " return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth; })"
      + ".map(e => e.id || e.getAttribute('aria-label') || e.className || e.textContent)";

  @Override
  String title() {
    return "On the go";
  }

  @BeforeEach
  void phone() {
    alice.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 375, "height", 740, "deviceScaleFactor", 1, "mobile", false));
  }

  @AfterEach
  void desktop() {
    alice.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  @Test
  void everyToolbarControlTheFindBarShareAndDownloadAreOnTheScreen() {
    openDoc(alice);
    alice.await("writable", () -> "saved".equals(alice.status()));
    assertThat(alice.js("return window.innerWidth")).isEqualTo(375L);
    assertNoSidewaysScroll("the editor page");
    // the Table menu's items are inside its closed menu: its control is its button
    assertThat(cutOff(".ql-toolbar button:not(#table-menu .menu button), .ql-toolbar .ql-picker-label"))
        .as("toolbar controls cut off").isEmpty();
    assertThat(cutOff("header.bar > a, header.bar button, header.bar summary")).as("header controls cut off").isEmpty();

    // the find bar, with the replacement: opened by its button (no keyboard on a phone)
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength() - 1, 'user'); q.insertText(0, 'pack a cat, catch a cab', 'user')");
    alice.driver.findElement(By.id("find-btn")).click();
    alice.await("the find bar", () -> alice.driver.findElement(By.id("replace-input")).isDisplayed());
    alice.driver.findElement(By.id("find-input")).sendKeys("cat");
    alice.await("found", () -> "1 of 2".equals(alice.js("return document.getElementById('find-count').textContent")));
    assertThat(cutOff("#find-bar input, #find-bar button, #find-bar label, #find-count")).as("find bar controls cut off").isEmpty();
    assertNoSidewaysScroll("with the find bar");
    alice.driver.findElement(By.id("find-next")).click();
    alice.driver.findElement(By.id("find-close")).click();

    // the Download menu opens with all its choices on the screen
    alice.js("document.querySelectorAll('#export a').forEach(a => a.addEventListener('click', e => e.preventDefault()))");
    alice.driver.findElement(By.cssSelector("#export summary")).click();
    alice.await("the menu open", () -> (Boolean) alice.js("return document.getElementById('export').open"));
    assertThat(cutOff("#export .menu a")).as("download choices cut off").isEmpty();
    assertNoSidewaysScroll("with the download menu open");
    alice.driver.findElement(By.cssSelector("#export a[data-format='txt']")).click();

    // Share opens its dialog
    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("the share dialog", () -> !alice.driver.findElements(By.cssSelector("#members li")).isEmpty());
    assertThat(cutOff("dialog#share button, dialog#share input, dialog#share select")).as("share dialog controls cut off").isEmpty();
    alice.driver.findElement(By.id("share-close")).click();
  }

  @SuppressWarnings("unchecked")
  private List<String> cutOff(String selector) {
    return (List<String>) alice.js(CUT_OFF, selector);
  }

  /** Nothing wider than the screen (less a scroll bar, when the page is taller than the screen). */
  private void assertNoSidewaysScroll(String when) {
    assertThat(alice.js("const d = document.documentElement; return d.scrollWidth <= d.clientWidth")).as("no sideways scroll %s; wider: %s",
        when, alice.js("const w = document.documentElement.clientWidth; return Array.from(document.querySelectorAll('body *'))"
            + ".filter(e => e.getBoundingClientRect().right > w)"
            + ".map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"))
        .isEqualTo(true);
  }
}
