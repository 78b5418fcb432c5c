package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

/**
 * The README's screenshots, taken as a user sees the app: the document list, the editor with another
 * person's cursor, the share dialog, and the editor on a 375 px phone — each checked for
 * what it must show (and, on the phone, for no horizontal overflow) before it is written to
 * {@code web/target/screenshots/}. {@code docs/screenshots/} holds the copies the README shows.
 */
class ReadmeScreenshotsE2ETest extends WithAliceAndBob {
  static final Path OUT = Path.of("target/screenshots");

  @Override
  String title() {
    return "Quarterly plan";
  }

  @Test
  void theListTheEditorTheShareDialogAndThePhone() {
    setRole("bob", "editor");
    openDoc(alice);
    openDoc(bob);
    alice.js("const q = window.__verso.quill; q.updateContents([{insert: 'Quarterly plan'}, {insert: '\\n', attributes: {header: 1}},"
        + "{insert: 'Goals for the next three months, written together. '}, {insert: 'Bold', attributes: {bold: true}},"
        + "{insert: ' ideas welcome.\\n'}, {insert: 'Ship comments'}, {insert: '\\n', attributes: {list: 'checked'}},"
        + "{insert: 'Import from Word'}, {insert: '\\n', attributes: {list: 'unchecked'}},"
        + "{insert: 'A quote from the kickoff.'}, {retain: 1, attributes: {blockquote: true}}], 'user')");
    assertThat(alice.js("return window.__verso.quill.getText()")).asString().contains("ideas welcome");
    alice.await("saved", () -> "saved".equals(alice.status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    bob.await("bob has it", () -> ((String) bob.js("return window.__verso.quill.getText()")).contains("ideas welcome"));
    bob.js("const q = window.__verso.quill; q.focus(); q.setSelection(40, 0, 'user')");
    alice.await("bob's cursor on alice's page", () -> !alice.driver.findElements(By.cssSelector(".ql-cursor")).isEmpty());
    shot(alice, "editor");

    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("share dialog", () -> (Boolean) alice.js("return document.getElementById('share').open"));
    shot(alice, "share-dialog");
    alice.driver.findElement(By.id("share-close")).click();

    alice.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 375, "height", 740, "deviceScaleFactor", 2, "mobile", true));
    try {
      alice.await("375 px", () -> Long.valueOf(375).equals(alice.js("return window.innerWidth")));
      assertThat(alice.js("return document.documentElement.scrollWidth")).as("no horizontal overflow").isEqualTo(375L);
      shot(alice, "phone");
    } finally {
      alice.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    alice.driver.get(base + "/#/");
    alice.driver.findElement(By.id("new-title")).sendKeys("Meeting notes");
    alice.driver.findElement(By.id("create-btn")).click();
    alice.await("second document", () -> "saved".equals(alice.status()));
    alice.driver.get(base + "/#/");
    alice.await("the list", () -> alice.driver.findElements(By.cssSelector("#docs li")).size() == 2);
    shot(alice, "documents");
  }

  private static void shot(Chrome c, String name) {
    byte[] png = c.driver.getScreenshotAs(OutputType.BYTES);
    assertThat(png.length).as(name).isGreaterThan(5_000);
    try {
      Files.createDirectories(OUT);
      Files.write(OUT.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
