package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 26's trash and document list in Chromium: alice moves her document to the trash from the
 * list (asked in a dialog), bob's open page says at once that it is in the trash, alice restores it
 * (from the trash and from the document's own page), then deletes it forever (asked again, Escape
 * cancels); the list searches titles, sorts and filters, and says what to do when it is empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrashAndListE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Budget";
  }

  @BeforeAll
  void bobEdits() {
    setRole("bob", "editor");
    openDoc(bob);
  }

  private static boolean dialogOpen(Chrome c, String id) {
    return !c.driver.findElements(By.cssSelector("dialog#" + id + "[open]")).isEmpty();
  }

  private By listed(String listId) {
    return By.cssSelector("#" + listId + " li[data-id='" + docId + "']");
  }

  private void moveToTrashFromTheList() {
    alice.driver.get(base + "/#/");
    alice.await("listed", () -> !alice.driver.findElements(listed("docs")).isEmpty());
    alice.driver.findElement(listed("docs")).findElement(By.cssSelector(".delete")).click();
    alice.await("the move is asked", () -> dialogOpen(alice, "trash-dialog"));
    WebElement dialog = alice.driver.findElement(By.id("trash-dialog"));
    String heading = dialog.getAttribute("aria-labelledby");
    assertThat(alice.driver.findElement(By.id(heading)).getText()).isEqualTo("Move to the trash?");
    assertThat(dialog.getText()).contains("“Budget” goes to your trash");
    dialog.findElement(By.cssSelector(".confirm")).click();
    alice.await("gone from the list", () -> alice.driver.findElements(listed("docs")).isEmpty());
  }

  private void openTrash() {
    alice.driver.findElement(By.id("trash-link")).click();
    alice.await("the trash lists it", () -> !alice.driver.findElements(listed("trash")).isEmpty());
  }

  @Test
  @Order(1)
  void trashedFromTheListTheOtherPageSaysSoAndRestoreBringsItBack() {
    bob.js("const q = window.__verso.quill; q.insertText(0, 'Numbers. ', 'user')");
    bob.await("saved", () -> "saved".equals(bob.status()) && !(Boolean) bob.js("return window.__verso.pending()"));

    moveToTrashFromTheList();
    bob.await("bob's open page is told", () -> "trashed".equals(bob.status()));
    assertThat(bob.js("return document.getElementById('status').textContent")).isEqualTo("This document is in the trash");
    assertThat(bob.driver.findElement(By.id("trashed-banner")).getText()).contains("Its owner can restore it");
    assertThat(bob.driver.findElements(By.id("trashed-banner-restore"))).as("only an owner restores").isEmpty();
    assertThat((Boolean) bob.js("return window.__verso.quill.isEnabled()")).as("read-only now").isFalse();

    openTrash();
    assertThat(alice.driver.findElement(listed("trash")).getText()).containsPattern("Deleted forever in (29|30) days");
    assertThat(Axe.seriousViolations(alice)).isEmpty();

    // the document's own address, for its owner: in the trash, with Restore
    alice.driver.get(base + "/#/doc/" + docId);
    alice.await("the page says it is in the trash", () -> !alice.driver.findElements(By.id("trashed-restore")).isEmpty());
    assertThat(alice.driver.findElement(By.id("trashed-text")).getText()).startsWith("This document is in the trash.");
    alice.driver.findElement(By.id("trashed-restore")).click();
    alice.await("restored and open", () -> "saved".equals(alice.status()));
    assertThat((String) alice.js("return window.__verso.text()")).contains("Numbers. ");
    openDoc(bob);
    assertThat(bob.status()).isEqualTo("saved");
  }

  @Test
  @Order(2)
  void theOwnersOpenPageRestoresAndDeleteForeverAsksFirst() {
    openDoc(alice);
    // trashed from another tab of alice's: her open page offers Restore (bob's page is still on it)
    Object trashed = alice.js("return fetch('/api/docs/' + arguments[0], {method: 'DELETE', headers: {'X-Requested-With': 'verso'}})"
        + ".then(r => r.status)", docId);
    assertThat(((Number) trashed).intValue()).isEqualTo(204);
    alice.await("alice's page is told", () -> !alice.driver.findElements(By.id("trashed-banner-restore")).isEmpty());
    bob.await("and bob's", () -> "trashed".equals(bob.status()));
    alice.driver.findElement(By.id("trashed-banner-restore")).click();
    alice.await("reopened", () -> "saved".equals(alice.status()) && alice.driver.findElements(By.id("trashed-banner")).isEmpty());

    moveToTrashFromTheList();
    openTrash();
    WebElement forever = alice.driver.findElement(listed("trash")).findElement(By.cssSelector(".delete-forever"));
    forever.click();
    alice.await("delete forever asks", () -> dialogOpen(alice, "delete-forever-dialog"));
    assertThat(alice.driver.findElement(By.id("delete-forever-dialog")).getText()).contains("cannot be undone");
    assertThat(alice.js("return document.activeElement.className")).as("Enter must not destroy").isEqualTo("cancel");
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    alice.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    alice.await("Escape cancels", () -> !dialogOpen(alice, "delete-forever-dialog"));
    assertThat(alice.driver.findElements(listed("trash"))).hasSize(1);
    assertThat(alice.js("return document.activeElement.className")).as("focus back on the button").isEqualTo("delete-forever");

    alice.driver.findElement(listed("trash")).findElement(By.cssSelector(".delete-forever")).click();
    alice.await("asked again", () -> dialogOpen(alice, "delete-forever-dialog"));
    alice.driver.findElement(By.cssSelector("#delete-forever-dialog .confirm")).click();
    alice.await("deleted forever", () -> alice.driver.findElements(listed("trash")).isEmpty());
    assertThat(alice.driver.findElement(By.id("trash-empty")).getText()).startsWith("The trash is empty.");
    Object gone = alice.js("return fetch('/api/docs/' + arguments[0]).then(r => r.status)", docId);
    assertThat(((Number) gone).intValue()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void theListSearchesSortsFiltersAndSaysWhatToDoWhenEmpty() {
    for (String t : List.of("Zeta report", "alpha notes")) {
      alice.js("return fetch('/api/docs', {method: 'POST', headers: {'Content-Type': 'application/json',"
          + " 'X-Requested-With': 'verso'}, body: JSON.stringify({title: arguments[0]})})", t);
    }
    Object shared = bob.js("return fetch('/api/docs', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'verso'}, body: JSON.stringify({title: 'Bob notes'})}).then(r => r.json())"
        + ".then(d => fetch('/api/docs/' + d.id + '/members/alice', {method: 'PUT', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'verso'}, body: JSON.stringify({role: 'viewer'})})).then(r => r.status)");
    assertThat(((Number) shared).intValue()).isEqualTo(200);

    alice.driver.get(base + "/#/");
    alice.await("three listed", () -> titles().size() == 3);
    assertThat(titles()).as("last edited first").containsExactly("Bob notes", "alpha notes", "Zeta report");
    new Select(alice.driver.findElement(By.id("docs-sort"))).selectByValue("title");
    awaitTitles("by title", "alpha notes", "Bob notes", "Zeta report");

    alice.driver.findElement(By.id("docs-search")).sendKeys("NOTES");
    awaitTitles("searched", "alpha notes", "Bob notes");
    new Select(alice.driver.findElement(By.id("docs-filter"))).selectByValue("shared");
    awaitTitles("shared with me", "Bob notes");
    new Select(alice.driver.findElement(By.id("docs-filter"))).selectByValue("mine");
    awaitTitles("mine", "alpha notes");

    alice.driver.findElement(By.id("docs-search")).sendKeys(" zzz");
    alice.await("nothing matches", () -> titles().isEmpty() && alice.driver.findElement(By.id("docs-empty")).isDisplayed());
    assertThat(alice.driver.findElement(By.id("docs-empty")).getText()).startsWith("No document has “NOTES zzz” in its title or text");
    assertThat(Axe.seriousViolations(alice)).isEmpty();

    // someone new: the empty list says how to begin
    bob.driver.get(base + "/#/");
    bob.await("bob's list", () -> !bob.driver.findElements(By.id("docs-filter")).isEmpty());
    new Select(bob.driver.findElement(By.id("docs-filter"))).selectByValue("shared");
    bob.await("nothing shared with bob", () -> bob.driver.findElement(By.id("docs-empty")).isDisplayed());
    assertThat(bob.driver.findElement(By.id("docs-empty")).getText()).startsWith("Nothing is shared with you yet.");
  }

  private void awaitTitles(String what, String... expected) {
    try {
      alice.await(what, () -> titles().equals(List.of(expected)));
    } catch (AssertionError e) {
      throw new AssertionError(what + ": listed " + titles() + ", error '"
          + alice.driver.findElement(By.id("docs-error")).getText() + "'", e);
    }
  }

  /** The listed titles, read in one script (the list is replaced as answers come: no stale elements). */
  @SuppressWarnings("unchecked")
  private List<String> titles() {
    return (List<String>) alice.js("return Array.from(document.querySelectorAll('#docs li .open'), a => a.textContent)");
  }
}
