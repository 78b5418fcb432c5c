package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Comments in the browser (issue 24's acceptance): an editor (Alice, the owner) and a commenter (Bob)
 * on one document. Bob comments on a word; Alice types before it, inside it and at its end, offline
 * while the comment is made and online after; the highlight stays on the word on both pages. A
 * reply, resolve and reopen show on both pages; the word's text all deleted leaves the thread
 * detached; Bob cannot type into the document.
 */
class CommentsE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Review";
  }

  @Test
  void aCommentFollowsItsWordThroughConcurrentEditsOnBothPages() throws Exception {
    append(alice, "The quick brown fox jumps.");
    setRole("bob", "commenter");
    bob.driver.get(base + "/#/doc/" + docId);
    bob.await("document open read-only", () -> "readonly".equals(bob.status()));
    awaitText(bob, "The quick brown fox jumps.\n");

    // the commenter cannot type into the document
    assertThat(bob.driver.findElement(By.cssSelector(".ql-editor")).getAttribute("contenteditable")).isEqualTo("false");
    bob.driver.findElement(By.cssSelector(".ql-editor")).click();
    new Actions(bob.driver).sendKeys("bob was here").perform();
    assertThat(bob.js("return window.__verso.text()")).isEqualTo("The quick brown fox jumps.\n");
    assertThat(bob.driver.findElement(By.id("comment-btn")).isDisplayed()).isTrue();

    // Alice goes offline and types before the word and inside it while Bob comments on it
    alice.js("window.__verso.goOffline()");
    alice.await("offline", () -> "offline".equals(alice.status()));
    type(alice, "The ".length(), "very ");
    type(alice, "The very quick bro".length(), "-");
    selectWord(bob, "brown");
    bob.driver.findElement(By.id("comment-btn")).click();
    bob.await("the new comment's form", () -> bob.driver.findElement(By.id("comment-new")).isDisplayed());
    bob.driver.findElement(By.id("comment-new-text")).sendKeys("Which brown?");
    bob.driver.findElement(By.id("comment-new-save")).click();
    awaitThread(bob, "brown", false, List.of("Which brown?"));
    bob.await("Bob's highlight on the word", () -> "brown".equals(highlighted(bob)));

    // back online: her edits are committed after the comment, which the server and both pages move through them
    alice.js("window.__verso.goOnline()");
    alice.await("saved", () -> "saved".equals(alice.status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    awaitText(bob, "The very quick bro-wn fox jumps.\n");
    awaitThread(alice, "bro-wn", false, List.of("Which brown?"));
    awaitThread(bob, "bro-wn", false, List.of("Which brown?"));

    // online and concurrent: text typed at its end edge stays outside, inside grows it
    int end = "The very quick bro-wn".length();
    alice.js("const q = window.__verso.quill; q.insertText(arguments[0], '!', 'user'); q.insertText(arguments[1], '~', 'user')",
        end, "The very quick br".length());
    awaitText(bob, "The very quick br~o-wn! fox jumps.\n");
    awaitThread(alice, "br~o-wn", false, List.of("Which brown?"));
    awaitThread(bob, "br~o-wn", false, List.of("Which brown?"));
    alice.await("Alice's highlight", () -> "br~o-wn".equals(highlighted(alice)));
    bob.await("Bob's highlight", () -> "br~o-wn".equals(highlighted(bob)));
    screenshot(bob, "comments-bob.png");

    // clicking the highlight focuses its thread
    clickInText(alice, "The very quick br~".length());
    alice.await("thread focused", () -> "true".equals(card(alice).getAttribute("aria-current")));

    // a reply, seen on both pages
    WebElement reply = card(bob).findElement(By.cssSelector(".thread-reply textarea"));
    reply.sendKeys("Never mind.");
    card(bob).findElement(By.cssSelector(".reply-save")).click();
    awaitThread(alice, "br~o-wn", false, List.of("Which brown?", "Never mind."));
    awaitThread(bob, "br~o-wn", false, List.of("Which brown?", "Never mind."));

    // Bob resolves his thread: hidden on both pages; "show resolved" shows it
    card(bob).findElement(By.cssSelector(".thread-resolve")).click();
    alice.await("resolved, hidden for Alice", () -> threads(alice).isEmpty());
    bob.await("resolved, hidden for Bob", () -> threads(bob).isEmpty());
    alice.await("no highlight of a resolved thread", () -> highlighted(alice).isEmpty());
    alice.driver.findElement(By.id("comments-resolved")).click();
    alice.await("shown resolved", () -> threads(alice).size() == 1 && Boolean.TRUE.equals(threads(alice).get(0).get("resolved")));
    // Alice, an editor, reopens it: back on Bob's page
    card(alice).findElement(By.cssSelector(".thread-resolve")).click();
    awaitThread(bob, "br~o-wn", false, List.of("Which brown?", "Never mind."));
    alice.await("reopened for Alice", () -> Boolean.FALSE.equals(threads(alice).get(0).get("resolved")));

    // all of its text deleted: the thread stays, detached, and nothing is highlighted
    alice.js("const q = window.__verso.quill; q.deleteText(q.getText().indexOf('br~o-wn'), 7, 'user')");
    awaitText(bob, "The very quick ! fox jumps.\n");
    awaitThread(bob, "", true, List.of("Which brown?", "Never mind."));
    awaitThread(alice, "", true, List.of("Which brown?", "Never mind."));
    assertThat(card(bob).getAttribute("data-detached")).isEqualTo("true");
    bob.await("nothing highlighted", () -> highlighted(bob).isEmpty());

    // and Bob still could not type
    assertThat(bob.js("return window.__verso.text()")).isEqualTo("The very quick ! fox jumps.\n");
    assertThat(bob.status()).isEqualTo("readonly");
  }

  // ---- steps ----


  private static void append(Chrome c, String text) {
    c.js("const q = window.__verso.quill; q.insertText(q.getLength() - 1, arguments[0], 'user')", text);
    c.await("saved", () -> "saved".equals(c.status()) && !(Boolean) c.js("return window.__verso.pending()"));
  }

  /** Types text at index as the user would (a user-source change). */
  private static void type(Chrome c, int index, String text) {
    c.js("window.__verso.quill.insertText(arguments[0], arguments[1], 'user')", index, text);
  }

  private static void awaitText(Chrome c, String text) {
    c.await("text " + text.strip(), () -> text.equals(c.js("return window.__verso.text()")));
  }

  /** Selects a word of the editor's text with the browser's own selection, as a mouse would (the editor is read-only). */
  private static void selectWord(Chrome c, String word) {
    c.js("const root = document.querySelector('#editor .ql-editor');"
        + "const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);"
        + "for (let n = walker.nextNode(); n; n = walker.nextNode()) {"
        + "  const i = n.data.indexOf(arguments[0]);"
        + "  if (i >= 0) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + arguments[0].length);"
        + "    const s = document.getSelection(); s.removeAllRanges(); s.addRange(r); return; } }", word);
    c.await("the word selected", () -> word.equals(c.js("const r = window.__verso.quill.getSelection();"
        + " return r ? window.__verso.quill.getText(r.index, r.length) : null")));
  }

  /** Clicks into the editor's text just after the character at index. */
  private static void clickInText(Chrome c, int index) {
    @SuppressWarnings("unchecked")
    Map<String, Object> at = (Map<String, Object>) c.js("const q = window.__verso.quill; const b = q.getBounds(arguments[0], 1);"
        + " const k = q.container.getBoundingClientRect(); const r = q.root.getBoundingClientRect();"
        + " return {x: k.left + b.left + b.width / 2 - (r.left + r.width / 2), y: k.top + b.top + b.height / 2 - (r.top + r.height / 2)};",
        index);
    WebElement editor = c.driver.findElement(By.cssSelector("#editor .ql-editor"));
    new Actions(c.driver).moveToElement(editor, ((Number) at.get("x")).intValue(), ((Number) at.get("y")).intValue()).click().perform();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> threads(Chrome c) {
    return (List<Map<String, Object>>) c.js("return window.__verso.commentThreads()");
  }

  /** Waits for exactly one thread shown, marking text (detached or not), with these comments. */
  private static void awaitThread(Chrome c, String text, boolean detached, List<String> comments) {
    c.await("one thread on '" + text + "' with " + comments, () -> {
      List<Map<String, Object>> t = threads(c);
      return t.size() == 1 && text.equals(t.get(0).get("text")) && Boolean.valueOf(detached).equals(t.get(0).get("detached"))
          && comments.equals(t.get(0).get("comments"))
          && c.driver.findElements(By.cssSelector("#comment-threads .thread")).size() == 1;
    });
  }

  private static WebElement card(Chrome c) {
    return c.driver.findElement(By.cssSelector("#comment-threads .thread"));
  }

  /** The text the page highlights as commented (CSS Custom Highlight API). */
  private static String highlighted(Chrome c) {
    return (String) c.js("const h = CSS.highlights.get('verso-comment'); return h ? [...h].map(r => r.toString()).join('|') : ''");
  }

  private static void screenshot(Chrome c, String name) throws Exception {
    Path dir = Path.of("target", "e2e");
    Files.createDirectories(dir);
    Files.copy(c.driver.getScreenshotAs(OutputType.FILE).toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
