package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Find and replace in the editor (issue 26): Ctrl+F opens the find bar, the matches are marked over
 * the text (nothing written into it) and counted, Enter and Shift+Enter go through them, Escape
 * closes and selects the current one; Ctrl+H replaces, one match or all of them as one change that
 * one Ctrl+Z undoes, keeping each match's formatting; another person's edit moves the matches;
 * a viewer finds but cannot replace; Ctrl+F is the browser's away from the editor.
 */
class FindReplaceE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Find me";
  }

  @Test
  void ctrlFMarksAndCountsTheMatchesEnterGoesThroughThemAndEscapeSelectsTheCurrentOne() {
    openDoc(alice);
    setText(alice, "cat Cat cat dog bobcat\n");
    String before = (String) alice.js("return document.querySelector('.ql-editor').innerHTML");
    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(0, 0, 'user')");
    chord(alice, "f");
    alice.await("the find bar", () -> findBarOpen(alice));
    assertThat(alice.js("return document.activeElement.id")).isEqualTo("find-input");
    new Actions(alice.driver).sendKeys("cat").perform();
    alice.await("four matches", () -> "1 of 4".equals(count(alice)));
    assertThat(marked(alice, "verso-find")).containsExactly("cat", "Cat", "cat", "cat");
    assertThat(marked(alice, "verso-find-current")).containsExactly("cat");
    assertThat(alice.js("return document.querySelector('.ql-editor').innerHTML")).as("nothing written into the text").isEqualTo(before);

    new Actions(alice.driver).sendKeys(Keys.ENTER).perform();
    assertThat(count(alice)).isEqualTo("2 of 4");
    assertThat(marked(alice, "verso-find-current")).containsExactly("Cat");
    new Actions(alice.driver).sendKeys(Keys.ENTER, Keys.ENTER, Keys.ENTER).perform();
    assertThat(count(alice)).as("wraps around").isEqualTo("1 of 4");
    new Actions(alice.driver).keyDown(Keys.SHIFT).sendKeys(Keys.ENTER).keyUp(Keys.SHIFT).perform();
    assertThat(count(alice)).isEqualTo("4 of 4");
    alice.driver.findElement(By.id("find-next")).click();
    assertThat(count(alice)).isEqualTo("1 of 4");

    alice.driver.findElement(By.id("find-case")).click();
    assertThat(count(alice)).as("match case").isEqualTo("1 of 3");
    alice.driver.findElement(By.id("find-word")).click();
    assertThat(count(alice)).as("and whole words").isEqualTo("1 of 2");
    alice.driver.findElement(By.id("find-prev")).click();
    assertThat(count(alice)).isEqualTo("2 of 2");

    alice.driver.findElement(By.id("find-input")).sendKeys(Keys.ESCAPE);
    alice.await("closed", () -> !findBarOpen(alice));
    assertThat(alice.js("return document.activeElement.classList.contains('ql-editor')")).as("focus back in the text").isEqualTo(true);
    assertThat(alice.js("const r = window.__verso.quill.getSelection(); return r.index + ',' + r.length")).isEqualTo("8,3");
    assertThat(marked(alice, "verso-find")).isEmpty();
    assertThat(alice.js("return window.__verso.text()")).isEqualTo("cat Cat cat dog bobcat\n");
  }

  @Test
  void replaceAllIsOneChangeKeepingEachMatchsFormattingAndOneCtrlZUndoesIt() {
    setRole("bob", "editor");
    openDoc(alice);
    openDoc(bob);
    String original = "The cat sat. Cat ran after a cat.\n";
    setText(alice, original);
    alice.js("window.__verso.quill.formatText(13, 3, 'bold', true, 'user')");
    saved(alice);
    awaitText(bob, original);
    assertThat(storedOps()).containsExactly(new JsonObject().put("insert", "The cat sat. "),
        new JsonObject().put("insert", "Cat").put("attributes", new JsonObject().put("bold", true)),
        new JsonObject().put("insert", " ran after a cat.\n"));

    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(0, 0, 'user')");
    chord(alice, "h");
    alice.await("the find bar with the replacement", () -> findBarOpen(alice)
        && alice.driver.findElement(By.id("replace-input")).isDisplayed());
    alice.driver.findElement(By.id("find-input")).sendKeys("cat");
    alice.await("three matches", () -> "1 of 3".equals(count(alice)));
    alice.driver.findElement(By.id("replace-input")).sendKeys("dog");

    // one: the current match, then on to the next
    alice.driver.findElement(By.id("replace-btn")).click();
    assertThat(alice.js("return window.__verso.text()")).isEqualTo("The dog sat. Cat ran after a cat.\n");
    alice.await("the next one current", () -> "1 of 2".equals(count(alice)));
    assertThat(marked(alice, "verso-find-current")).containsExactly("Cat");

    // all: one change, each match keeping its formatting
    alice.driver.findElement(By.id("replace-all-btn")).click();
    String replaced = "The dog sat. dog ran after a dog.\n";
    assertThat(alice.js("return window.__verso.text()")).isEqualTo(replaced);
    assertThat(alice.driver.findElement(By.id("notice")).getText()).isEqualTo("2 matches replaced");
    assertThat(count(alice)).isEqualTo("No results");
    saved(alice);
    awaitText(bob, replaced);
    assertThat(storedOps()).containsExactly(new JsonObject().put("insert", "The dog sat. "),
        new JsonObject().put("insert", "dog").put("attributes", new JsonObject().put("bold", true)),
        new JsonObject().put("insert", " ran after a dog.\n"));

    // one Ctrl+Z in the text undoes all of it (not the single Replace before it)
    alice.driver.findElement(By.id("find-input")).sendKeys(Keys.ESCAPE);
    alice.await("closed", () -> !findBarOpen(alice));
    alice.js("window.__verso.quill.focus()");
    chord(alice, "z");
    String oneReplaced = "The dog sat. Cat ran after a cat.\n";
    alice.await("all of it undone at once", () -> oneReplaced.equals(alice.js("return window.__verso.text()")));
    saved(alice);
    awaitText(bob, oneReplaced);
    assertThat(storedOps()).contains(new JsonObject().put("insert", "Cat").put("attributes", new JsonObject().put("bold", true)));
    chord(alice, "z");
    alice.await("then the single Replace", () -> original.equals(alice.js("return window.__verso.text()")));
    saved(alice);
    awaitText(bob, original);
  }

  @Test
  void anotherPersonsEditMovesTheMatchesAndTheCurrentOneStaysOnItsWord() {
    setRole("bob", "editor");
    openDoc(alice);
    openDoc(bob);
    setText(alice, "cat x cat\n");
    awaitText(bob, "cat x cat\n");
    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(0, 0, 'user')");
    chord(alice, "f");
    alice.await("the find bar", () -> findBarOpen(alice));
    new Actions(alice.driver).sendKeys("cat", Keys.ENTER).perform();
    alice.await("on the second", () -> "2 of 2".equals(count(alice)));

    bob.js("window.__verso.quill.insertText(0, 'A cat. ', 'user')");
    alice.await("a third match before, the current one still the same word", () -> "3 of 3".equals(count(alice)));
    assertThat(currentIndex(alice)).isEqualTo("A cat. cat x ".length());
    bob.js("window.__verso.quill.deleteText(0, 'A cat. cat x '.length, 'user')");
    alice.await("two gone before it", () -> "1 of 1".equals(count(alice)));
    assertThat(currentIndex(alice)).isEqualTo(0);
    assertThat(marked(alice, "verso-find")).containsExactly("cat");
    bob.js("window.__verso.quill.deleteText(0, 3, 'user')");
    alice.await("none left", () -> "No results".equals(count(alice)));
    assertThat(marked(alice, "verso-find")).isEmpty();
    assertThat(alice.js("return document.getElementById('find-input') === document.activeElement")).as("the focus stays in the box").isEqualTo(true);
    alice.driver.findElement(By.id("find-input")).sendKeys(Keys.ESCAPE);
    alice.await("closed", () -> !findBarOpen(alice));
  }

  @Test
  void aViewerFindsButCannotReplaceAndTheBrowsersFindStaysAwayFromTheEditor() {
    openDoc(alice);
    setText(alice, "one two one\n");
    setRole("bob", "viewer");
    openDoc(bob);
    bob.await("read-only", () -> "readonly".equals(bob.status()));
    assertThat(bob.driver.findElement(By.id("find-btn")).isEnabled()).isTrue();
    chord(bob, "h");
    bob.await("the find bar", () -> findBarOpen(bob));
    assertThat(bob.driver.findElement(By.id("replace-row")).isDisplayed()).as("no replacement for a viewer").isFalse();
    new Actions(bob.driver).sendKeys("one").perform();
    bob.await("found", () -> "1 of 2".equals(count(bob)));
    bob.driver.findElement(By.id("find-close")).click();
    bob.await("closed", () -> !findBarOpen(bob));
    // the Find button opens it too, with the replacement for an editor
    alice.driver.findElement(By.id("find-btn")).click();
    alice.await("the find bar", () -> findBarOpen(alice) && alice.driver.findElement(By.id("replace-input")).isDisplayed());
    alice.driver.findElement(By.id("find-close")).click();

    assertThat(ctrlFTakenBy(alice)).as("in the editor").isTrue();
    alice.driver.get(base + "/#/");
    alice.await("the document list", () -> !alice.driver.findElements(By.id("docs")).isEmpty());
    assertThat(ctrlFTakenBy(alice)).as("on the document list: the browser's").isFalse();
    openDoc(alice);
    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("the share dialog", () -> !alice.driver.findElements(By.cssSelector("#members li")).isEmpty());
    assertThat(alice.js("const e = new KeyboardEvent('keydown', {key: 'f', code: 'KeyF', ctrlKey: true, bubbles: true, cancelable: true});"
        + " document.activeElement.dispatchEvent(e); return e.defaultPrevented")).as("in the share dialog: the browser's").isEqualTo(false);
    alice.driver.findElement(By.id("share-close")).click();
  }

  // ---------------------------------------------------------------- helpers

  /** Whether the page takes Ctrl+F for itself (its find bar) rather than leaving it to the browser. */
  private static boolean ctrlFTakenBy(Chrome c) {
    return (Boolean) c.js("const e = new KeyboardEvent('keydown', {key: 'f', code: 'KeyF', ctrlKey: true, bubbles: true, cancelable: true});"
        + " document.body.dispatchEvent(e); const taken = e.defaultPrevented;"
        + " const close = document.getElementById('find-close'); if (close && close.offsetParent) close.click(); return taken");
  }

  private static void chord(Chrome c, String key) {
    new Actions(c.driver).keyDown(Keys.CONTROL).sendKeys(key).keyUp(Keys.CONTROL).perform();
  }

  private static boolean findBarOpen(Chrome c) {
    List<WebElement> bar = c.driver.findElements(By.id("find-bar"));
    return !bar.isEmpty() && bar.get(0).isDisplayed();
  }

  private static String count(Chrome c) {
    return (String) c.js("return document.getElementById('find-count').textContent");
  }

  /** The texts a highlight of the page marks, in document order. */
  @SuppressWarnings("unchecked")
  private static List<String> marked(Chrome c, String highlight) {
    return (List<String>) c.js("const h = CSS.highlights.get(arguments[0]); if (!h) return [];"
        + " return Array.from(h).sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b)).map(r => r.toString())", highlight);
  }

  /** Where the current match's mark starts in the document. */
  private static long currentIndex(Chrome c) {
    return (Long) c.js("const r = Array.from(CSS.highlights.get('verso-find-current'))[0];"
        + " const q = window.__verso.quill; const blot = q.constructor.find(r.startContainer, true);"
        + " return q.getIndex(blot) + r.startOffset");
  }

  private static void setText(Chrome c, String text) {
    c.js("const q = window.__verso.quill; q.deleteText(0, q.getLength(), 'user'); q.insertText(0, arguments[0].replace(/\\n$/, ''), 'user')", text);
    saved(c);
  }

  private static void saved(Chrome c) {
    c.await("saved", () -> "saved".equals(c.status()) && !(Boolean) c.js("return window.__verso.pending()"));
  }

  private static void awaitText(Chrome c, String text) {
    c.await("text " + text, () -> text.equals(c.js("return window.__verso.text()")));
  }

  private List<JsonObject> storedOps() {
    return stack.open(docId, "x").getJsonArray("content").stream().map(JsonObject.class::cast).toList();
  }
}
