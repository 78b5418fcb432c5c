package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Version history in the browser (issue 23's acceptance): two users edit; one opens history,
 * previews an older entry, names it, restores it; the other page shows the restored text live; the
 * restore is an entry of its own, "Restored from" the version's name; and restoring the entry
 * before the restore's, from history, undoes it. The History button follows
 * the page's role; "Show authors" colours the text with the authors' names on hover.
 */
class HistoryE2ETest extends WithAliceAndBob {
  private static final String E1 = "First draft. By Bob.\n";
  private static final String E2 = "First draft. Second part.\n";

  @Override
  String title() {
    return "Contract";
  }

  @Test
  void previewNameRestoreAndUndoTheRestore() throws Exception {
    // the History button only for editors and owners, following a role change live
    setRole("bob", "viewer");
    openDoc(bob, "readonly");
    assertThat(bob.driver.findElement(By.id("history-btn")).isDisplayed()).isFalse();
    assertThat(bob.driver.findElement(By.id("authors-btn")).isDisplayed()).isFalse();
    assertThat(alice.driver.findElement(By.id("history-btn")).isDisplayed()).isTrue();
    setRole("bob", "editor");
    bob.await("Bob may edit", () -> "saved".equals(bob.status()));
    bob.await("History for Bob the editor", () -> bob.driver.findElement(By.id("history-btn")).isDisplayed());

    // two users edit: the first entry
    append(alice, "First draft.");
    awaitText(bob, "First draft.\n");
    append(bob, " By Bob.");
    awaitText(alice, E1);

    // Alice names the current version: a named revision ends its entry
    alice.driver.findElement(By.id("history-btn")).click();
    List<WebElement> first = awaitEntries(alice, 1);
    assertThat(first.get(0).getText()).contains("Alice", "Bob");
    first.get(0).click();
    awaitPreviewText(E1);
    nameVersion("Draft one");
    alice.await("the entry named", () -> entryNames().contains("Draft one"));
    long named = Long.parseLong(entries(alice).get(0).getAttribute("data-to"));
    alice.driver.findElement(By.id("preview-close")).click();
    alice.await("back to the live editor", () -> !alice.driver.findElement(By.id("history-preview")).isDisplayed()
        && alice.driver.findElement(By.cssSelector(".editor-wrap")).isDisplayed());

    // the second entry: Alice adds a part, Bob takes his words out
    append(alice, " Second part.");
    awaitText(bob, "First draft. By Bob. Second part.\n");
    bob.js("const q = window.__verso.quill; q.deleteText(q.getText().indexOf(' By Bob.'), 8, 'user')");
    awaitText(alice, E2);

    // the list again: the new entry on top, the named one below; its preview marks what changed
    reopenHistory();
    List<WebElement> two = awaitEntries(alice, 2);
    assertThat(Long.parseLong(two.get(1).getAttribute("data-to"))).isEqualTo(named);
    two.get(0).click();
    awaitPreviewText(E2);
    assertThat(previewMarked("s")).isEqualTo(" By Bob.");
    assertThat(previewMarked("span[style*='background']")).isEqualTo(" Second part.");

    // "named versions only"
    alice.driver.findElement(By.id("history-named")).click();
    alice.await("named versions only", () -> entryNames().equals(List.of("Draft one")) && entries(alice).size() == 1);
    alice.driver.findElement(By.id("history-named")).click();
    awaitEntries(alice, 2);

    // Alice previews the older entry, renames it and restores it; Bob's page follows live
    entries(alice).get(1).click();
    awaitPreviewText(E1);
    nameVersion("Sent to legal");
    alice.await("renamed", () -> entryNames().contains("Sent to legal") && !entryNames().contains("Draft one"));
    long bobRev = rev(bob);
    restorePreviewed();
    awaitText(alice, E1);
    awaitText(bob, E1);
    assertThat(rev(bob)).isEqualTo(bobRev + 1);
    long restoreRev = rev(alice);
    assertThat(alice.driver.findElement(By.id("history-preview")).isDisplayed()).isFalse();
    screenshot(alice, "history-restored-alice.png");

    // the restore is an entry of its own (not merged into Alice's minute-old edits), labelled with what it restored
    alice.await("the restore's own entry on top", () -> entries(alice).size() == 3
        && Long.parseLong(entries(alice).get(0).getAttribute("data-from")) == restoreRev);
    List<WebElement> restored = entries(alice);
    assertThat(Long.parseLong(restored.get(0).getAttribute("data-to"))).isEqualTo(restoreRev);
    assertThat(restored.get(0).findElement(By.cssSelector(".entry-restored")).getText())
        .isEqualTo("Restored from “Sent to legal”");

    // undo of the restore from history: restore the entry just before the restore's
    WebElement predecessor = restored.get(1);
    assertThat(Long.parseLong(predecessor.getAttribute("data-to"))).isEqualTo(restoreRev - 1);
    predecessor.click();
    awaitPreviewText(E2);
    assertThat(alice.driver.findElement(By.id("preview-title")).getText()).contains("revision " + (restoreRev - 1) + " ");
    restorePreviewed();
    awaitText(alice, E2);
    awaitText(bob, E2);
    assertThat(rev(bob)).isEqualTo(restoreRev + 1);
    alice.await("the undo is a restore entry of its own too", () -> entries(alice).size() == 4
        && entries(alice).get(0).getText().contains("Restored from revision " + (restoreRev - 1)));

    // who wrote what: the live text coloured by author, the name on hover
    alice.driver.findElement(By.id("history-close")).click();
    alice.driver.findElement(By.id("authors-btn")).click();
    alice.await("authors shown", () -> "true".equals(alice.driver.findElement(By.id("authors-btn")).getAttribute("aria-pressed"))
        && authorRanges() > 0);
    String highlighted = (String) alice.js("return [...CSS.highlights].filter(([k]) => k.startsWith('verso-author-'))"
        + ".flatMap(([, h]) => [...h]).map(r => r.toString()).join('')");
    // every character but the first line break (older than any author: the document starts with it) has its author
    assertThat(highlighted.replace("\n", "")).hasSize(E2.length() - 1);
    WebElement editor = alice.driver.findElement(By.cssSelector("#editor .ql-editor"));
    alice.await("Alice's name on her text", () -> {
      new Actions(alice.driver).moveToElement(editor, -editor.getSize().getWidth() / 2 + 20, -editor.getSize().getHeight() / 2 + 20)
          .perform();
      return "Alice".equals(editor.getAttribute("title"));
    });
    screenshot(alice, "history-authors-alice.png");
    alice.driver.findElement(By.id("authors-btn")).click();
    alice.await("authors hidden", () -> authorRanges() == 0);
  }

  // ---- steps ----


  private void openDoc(Chrome c, String expectedStatus) {
    c.driver.get(base + "/#/doc/" + docId);
    c.await("document open", () -> expectedStatus.equals(c.status()));
  }

  /** Types text at the end of the document as its user would (a user-source change). */
  private static void append(Chrome c, String text) {
    c.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, arguments[0], 'user')", text);
    c.await("saved", () -> "saved".equals(c.status()) && !(Boolean) c.js("return window.__verso.pending()"));
  }

  private static void awaitText(Chrome c, String text) {
    c.await("text " + text.strip(), () -> text.equals(c.js("return window.__verso.text()")));
  }

  private void reopenHistory() {
    WebElement button = alice.driver.findElement(By.id("history-btn"));
    if ("true".equals(button.getAttribute("aria-expanded"))) {
      button.click();
    }
    button.click();
  }

  private static List<WebElement> entries(Chrome c) {
    return c.driver.findElements(By.cssSelector("#history-entries .entry"));
  }

  private List<WebElement> awaitEntries(Chrome c, int n) {
    c.await(n + " history entries", () -> entries(c).size() == n);
    return entries(c);
  }

  private List<String> entryNames() {
    return alice.driver.findElements(By.cssSelector("#history-entries .entry-name")).stream().map(WebElement::getText).toList();
  }

  /** Waits for the preview to show, instead of the live editor, revision text (deleted text struck through, left out here). */
  private void awaitPreviewText(String text) {
    alice.await("preview of " + text.strip(), () -> alice.driver.findElement(By.id("history-preview")).isDisplayed()
        && !alice.driver.findElement(By.cssSelector(".editor-wrap")).isDisplayed()
        && "false".equals(alice.driver.findElement(By.id("history-preview")).getAttribute("aria-busy"))
        && text.equals(alice.js("return Array.from(document.querySelectorAll('#preview-doc .ql-editor > *')).map(p => {"
            + " const c = p.cloneNode(true); c.querySelectorAll('s').forEach(s => s.remove()); return c.textContent;"
            + " }).join('\\n') + '\\n'")));
  }

  private String previewMarked(String selector) {
    return (String) alice.js("return Array.from(document.querySelectorAll('#preview-doc .ql-editor ' + arguments[0]))"
        + ".map(e => e.textContent).join('')", selector);
  }

  private void nameVersion(String name) {
    alice.driver.findElement(By.id("preview-name")).click();
    WebElement input = alice.driver.findElement(By.id("preview-name-input"));
    input.clear();
    input.sendKeys(name);
    alice.driver.findElement(By.id("preview-name-save")).click();
    alice.await("preview titled " + name, () -> alice.driver.findElement(By.id("preview-title")).getText().startsWith(name));
  }

  private void restorePreviewed() {
    alice.driver.findElement(By.id("preview-restore")).click();
    alice.await("restore asks first", () -> alice.driver.findElement(By.id("preview-confirm")).isDisplayed());
    alice.driver.findElement(By.id("preview-restore-yes")).click();
    alice.await("preview closed", () -> !alice.driver.findElement(By.id("history-preview")).isDisplayed());
  }

  /** The ranges coloured by author (quill-cursors has highlights of its own). */
  private int authorRanges() {
    return ((Number) alice.js("return [...CSS.highlights].filter(([k]) => k.startsWith('verso-author-'))"
        + ".reduce((n, [, h]) => n + h.size, 0)")).intValue();
  }

  private static long rev(Chrome c) {
    return ((Number) c.js("return window.__verso.rev()")).longValue();
  }

  private static void screenshot(Chrome c, String name) throws Exception {
    Path dir = Path.of("target", "e2e");
    Files.createDirectories(dir);
    Files.copy(c.driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
