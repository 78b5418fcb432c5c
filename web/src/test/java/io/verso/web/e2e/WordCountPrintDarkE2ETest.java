package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Issue 26's reading aids: the live word and character count under the editor (with others' edits),
 * the print layout (the document only) and the dark theme following the system (text contrast ≥ 4.5:1).
 */
class WordCountPrintDarkE2ETest extends WithAliceAndBob {
  /**
   * The colours an element's text is seen in: {fg: [r, g, b], bg: [r, g, b], text}, its background
   * being its own and its ancestors' composited (a transparent element shows what is under it).
   */
  private static final String COLOURS = "const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number);"
      + " return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };"
      + " const seen = (e, prop) => { const layers = []; for (let n = e; n; n = n.parentElement) {"
      + "   const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] === 1) break; }"
      + "   let bg = layers.length && layers[layers.length - 1][3] === 1 ? layers.pop().slice(0, 3) : [255, 255, 255];"
      + "   for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));"
      + "   const f = rgba(getComputedStyle(e)[prop]); return {fg: f.slice(0, 3).map((v, i) => v * f[3] + bg[i] * (1 - f[3])),"
      + "     bg, text: (e.id ? '#' + e.id + ' ' : '') + e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30)}; };";

  @Override
  String title() {
    return "Counted";
  }

  @Test
  void theCountUnderTheEditorFollowsEveryonesTypingAndIsNotAnnounced() {
    setRole("bob", "editor");
    openDoc(alice);
    openDoc(bob);
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength(), 'user')");
    alice.await("an empty document counts nothing", () -> "0 words".equals(text("#word-count"))
        && "0 characters".equals(text("#char-count")));

    alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys("Grüße aus Köln, naïve café");
    alice.await("the typist's count", () -> "5 words".equals(text("#word-count"))
        && "26 characters".equals(text("#char-count")));

    // someone else's edit counts too: an emoji with its skin tone is one character and no word
    bob.await("bob has alice's text", () -> "Grüße aus Köln, naïve café\n".equals(bob.js("return window.__verso.quill.getText()")));
    bob.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, ' and 👍🏽 more', 'user')");
    alice.await("the count of a remote edit", () -> "7 words".equals(text("#word-count"))
        && "37 characters".equals(text("#char-count")));

    // a paragraph break is no character
    alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, "Zwei");
    alice.await("a new paragraph", () -> "8 words".equals(text("#word-count")) && "41 characters".equals(text("#char-count")));
    bob.await("bob's count too", () -> "8 words".equals(bob.js("return document.getElementById('word-count').textContent")));

    // labelled, under the editor, and never a live region (it would speak at every keystroke)
    assertThat(alice.js("return document.getElementById('doc-stats').getAttribute('aria-label')"))
        .isEqualTo("Word and character count");
    assertThat(alice.js("for (let n = document.getElementById('word-count'); n; n = n.parentElement) {"
        + " if (n.hasAttribute('aria-live') || ['status', 'alert', 'log', 'timer', 'marquee'].includes(n.getAttribute('role'))"
        + " || n.tagName === 'OUTPUT') return n.outerHTML.slice(0, 80); } return null")).isNull();
    assertThat((Boolean) alice.js("return document.getElementById('doc-stats').getBoundingClientRect().top"
        + " >= document.querySelector('.ql-container').getBoundingClientRect().bottom - 1")).isTrue();
  }

  @Test
  void printingPrintsTheDocumentOnlyOnAPagesWidth() {
    setRole("bob", "editor");
    openDoc(alice);
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength(), 'user'); q.insertText(0, 'Printed words', 'user')");
    openDoc(bob);
    bob.js("const q = window.__verso.quill; q.focus(); q.setSelection(3, 0, 'user')");
    alice.await("bob's caret on alice's page", () -> (Boolean) alice.js("return document.querySelector('.ql-cursors .ql-cursor') !== null"));
    alice.await("the count", () -> "2 words".equals(text("#word-count")));
    assertThat(rendered("header.bar")).isTrue();

    try {
      alice.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
      assertThat(alice.js("return matchMedia('print').matches")).isEqualTo(true);
      for (String chrome : List.of("header.bar", ".ql-toolbar", "#doc-stats", ".ql-cursors", "#word-count")) {
        assertThat(rendered(chrome)).as("%s printed", chrome).isFalse();
      }
      assertThat(alice.js("return Array.from(document.querySelectorAll('#history, #comments, dialog'))"
          + ".filter(e => e.getClientRects().length > 0).map(e => e.id)")).as("panels printed").isEqualTo(List.of());
      assertThat(rendered(".ql-editor")).isTrue();
      assertThat(alice.js("return document.querySelector('.ql-editor').innerText.trim()")).isEqualTo("Printed words");
      double width = ((Number) alice.js("return document.querySelector('.ql-editor').getBoundingClientRect().width")).doubleValue();
      assertThat(width).as("text width in CSS px (170 mm = 642.5 px)").isBetween(400.0, 643.0);

      // black on white on paper, even from a dark screen
      alice.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print",
          "features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      Map<String, Object> c = colours(".ql-editor p", "color");
      assertThat(c.get("fg")).isEqualTo(List.of(0L, 0L, 0L));
      assertThat(c.get("bg")).isEqualTo(List.of(255L, 255L, 255L));
    } finally {
      alice.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "", "features", List.of()));
    }
    assertThat(rendered("header.bar")).isTrue();
  }

  @Test
  void aDarkSystemGetsADarkAppWithReadableTextEverywhere() {
    alice.driver.get(base + "/#/");
    alice.await("the document list", () -> !alice.driver.findElements(By.cssSelector("#docs li")).isEmpty());
    Map<String, Object> light = colours("body", "color");
    try {
      alice.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
          List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      assertThat(alice.js("return matchMedia('(prefers-color-scheme: dark)').matches")).isEqualTo(true);
      Map<String, Object> dark = colours("body", "color");
      assertThat(dark.get("bg")).isNotEqualTo(light.get("bg"));
      assertThat(dark.get("fg")).isNotEqualTo(light.get("fg"));
      assertThat(luminance(dark.get("bg"))).as("page background dark").isLessThan(0.05);
      assertReadable("the document list");

      openDoc(alice);
      alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys(Keys.chord(Keys.CONTROL, Keys.END), " dark text");
      alice.await("saved", () -> "saved".equals(alice.status()));
      assertThat(luminance(colours(".editor-wrap", "color").get("bg"))).as("the page under the text dark").isLessThan(0.05);
      assertReadable("the editor page");
      // the toolbar's icons stand out from the toolbar
      for (String icon : List.of(".ql-toolbar button.ql-bold .ql-stroke", ".ql-toolbar .ql-picker-label .ql-stroke")) {
        Map<String, Object> c = colours(icon, "stroke");
        assertThat(contrast(c.get("fg"), c.get("bg"))).as("icon %s", icon).isGreaterThanOrEqualTo(4.5);
      }

      alice.driver.findElement(By.id("share-btn")).click();
      alice.await("the share dialog", () -> !alice.driver.findElements(By.cssSelector("#members li")).isEmpty());
      assertThat(luminance(colours("dialog#share", "color").get("bg"))).as("the dialog dark").isLessThan(0.05);
      assertReadable("the share dialog");
      alice.driver.findElement(By.id("share-close")).click();
    } finally {
      alice.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Every visible element's own text on alice's page has a contrast of at least 4.5:1 with what is
   * under it, the initials and name flags on a person's colour included.
   */
  @SuppressWarnings("unchecked")
  private void assertReadable(String where) {
    List<Map<String, Object>> texts = (List<Map<String, Object>>) alice.js(COLOURS
        + " return Array.from(document.querySelectorAll('body *'))"
        + ".filter(e => e.checkVisibility({visibilityProperty: true,"
        + " opacityProperty: true}) && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))"
        + ".map(e => seen(e, 'color'))");
    assertThat(texts).as("texts on %s", where).hasSizeGreaterThan(3);
    for (Map<String, Object> t : texts) {
      assertThat(contrast(t.get("fg"), t.get("bg"))).as("contrast of %s on %s (%s on %s)", t.get("text"), where,
          t.get("fg"), t.get("bg")).isGreaterThanOrEqualTo(4.5);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> colours(String selector, String property) {
    return (Map<String, Object>) alice.js(COLOURS + " return seen(document.querySelector(arguments[0]), arguments[1])",
        selector, property);
  }

  /** WCAG 2's relative luminance of [r, g, b] (0–255). */
  private static double luminance(Object rgb) {
    double[] l = ((List<?>) rgb).stream().mapToDouble(v -> ((Number) v).doubleValue() / 255)
        .map(c -> c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4)).toArray();
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  }

  /** WCAG 2's contrast ratio of two colours. */
  private static double contrast(Object a, Object b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private boolean rendered(String selector) {
    return (Boolean) alice.js("const e = document.querySelector(arguments[0]); return e !== null && e.getClientRects().length > 0",
        selector);
  }

  private String text(String selector) {
    return (String) alice.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", selector);
  }


}
