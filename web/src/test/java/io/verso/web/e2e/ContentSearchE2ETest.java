package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The document list finds a document by words of its text (issue 26): alice types into a document,
 * the snapshot taken once the typing stops indexes it while the document stays loaded, and the
 * list's search box — named for titles and text — finds it by word prefixes, saying "Found in the
 * text"; a title match says nothing more; a search of more than ten words says so.
 */
class ContentSearchE2ETest extends WithAliceInBrowser {
  @Override
  FullStack startStack() {
    return new FullStack(new JsonObject(), new JsonObject(),
        // snapshots as by default (every 100 revisions), the document never unloads during the test:
        // only the quiet snapshot, a second after the typing stops, can index the text
        new JsonObject().put("edit", new JsonObject().put("idleUnloadMs", 600_000).put("quietSnapshotMs", 1_000)));
  }

  @Test
  void wordsTypedInADocumentFindItFromTheList() {
    String travel = alice.createDocument("Travel plans");
    alice.driver.findElement(By.cssSelector(".ql-editor")).sendKeys("Spices of Zanzibar, then Stone Town");
    alice.await("saved", () -> "saved".equals(status()) && !(Boolean) alice.js("return window.__verso.pending()"));
    Object other = alice.js("return fetch('/api/docs', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'verso'}, body: JSON.stringify({title: 'Zanzibar ideas'})}).then(r => r.json()).then(d => d.id)");

    alice.driver.get(base + "/#/");
    alice.await("the list", () -> listed().size() == 2);
    // the text is indexed by the snapshot taken once the document has had no edit for a second
    alice.await("the text is indexed", () -> (Boolean) alice.js("return fetch('/api/docs?q=stone').then(r => r.json())"
        + ".then(l => l.some(d => d.id === arguments[0]))", travel));

    WebElement search = alice.driver.findElement(By.id("docs-search"));
    assertThat(search.getAttribute("placeholder")).isEqualTo("Search titles and text");
    assertThat(search.getAttribute("aria-label")).isEqualTo("Search titles and text");
    search.sendKeys("zanz STONE");
    alice.await("found by its text", () -> listed().equals(List.of("Travel plans|Found in the text")));

    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "zanz");
    alice.await("by title and by text", () -> listed().equals(List.of("Zanzibar ideas|", "Travel plans|Found in the text")));
    assertThat(alice.driver.findElement(By.cssSelector("#docs li[data-id='" + other + "']")).findElements(By.cssSelector(".match")))
        .as("a title match says nothing more").isEmpty();
    assertThat(Axe.seriousViolations(alice)).isEmpty();

    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "spic tow");
    alice.await("every word, by its beginning", () -> listed().equals(List.of("Travel plans|Found in the text")));

    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "a b c d e f g h i j k");
    alice.await("too many words is said, not asked", () -> alice.driver.findElement(By.id("docs-error")).getText()
        .equals("Search with at most 10 words (this has 11)."));

    search.sendKeys(Keys.chord(Keys.CONTROL, "a"), "town zzz");
    alice.await("nothing matches", () -> listed().isEmpty() && alice.driver.findElement(By.id("docs-empty")).isDisplayed());
    assertThat(alice.driver.findElement(By.id("docs-empty")).getText())
        .startsWith("No document has “town zzz” in its title or text");
    assertThat(alice.driver.findElement(By.id("docs-error")).getText()).isEmpty();
  }

  /** Each listed document as "title|note", read in one script (the list is replaced as answers come). */
  @SuppressWarnings("unchecked")
  private List<String> listed() {
    return (List<String>) alice.js("return Array.from(document.querySelectorAll('#docs li'), li => "
        + "li.querySelector('.open').textContent + '|' + (li.querySelector('.match')?.textContent ?? ''))");
  }
}
