package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Tables in Chromium with two people on one document: the toolbar's Table menu inserts a table of
 * the size asked and adds and deletes rows and columns (by mouse and keyboard), live on the other
 * page; the two typing in different cells at once end with the same table on both pages.
 */
class TablesE2ETest extends WithAliceAndBob {
  private static final String CELLS = "return Array.from(document.querySelectorAll('.ql-editor table tr'),"
      + " r => Array.from(r.cells, c => c.textContent))";

  @Override
  String title() {
    return "Tables";
  }

  @BeforeAll
  void bobEditsToo() {
    setRole("bob", "editor");
    openDoc(bob);
  }

  @Test
  void theTableMenuInsertsATableAndAddsAndDeletesRowsAndColumnsOnBothPages() {
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength() - 1, 'user');"
        + "q.insertText(0, 'Above', 'user');"
        + "q.focus(); q.setSelection(q.getLength() - 1, 0, 'user')");
    saved(alice);
    menu(alice).findElement(By.tagName("summary")).click();
    assertThat(button(alice, "insertRowBelow").isEnabled()).as("row items outside a table").isFalse();
    WebElement rows = alice.driver.findElement(By.id("table-rows"));
    rows.clear();
    rows.sendKeys("2");
    button(alice, "insertTable").click();
    List<List<String>> twoByThree = List.of(List.of("", "", ""), List.of("", "", ""));
    bob.await("a 2 × 3 table on Bob's page", () -> twoByThree.equals(bob.js(CELLS)));
    assertThat(alice.js(CELLS)).isEqualTo(twoByThree);

    alice.driver.findElement(By.cssSelector(".ql-editor td")).sendKeys("A1");
    // by keyboard: the menu's button takes Enter, then Tab reaches the items
    WebElement summary = menu(alice).findElement(By.tagName("summary"));
    summary.sendKeys(Keys.ENTER);
    alice.await("menu open", () -> (Boolean) alice.js("return document.getElementById('table-menu').open"));
    button(alice, "insertRowBelow").sendKeys(Keys.ENTER);
    action(alice, "insertColumnRight");
    List<List<String>> threeByFour = List.of(List.of("A1", "", "", ""), List.of("", "", "", ""), List.of("", "", "", ""));
    bob.await("a row and a column more", () -> threeByFour.equals(bob.js(CELLS)));

    action(alice, "deleteColumn");
    action(alice, "deleteRow");
    List<List<String>> less = List.of(List.of("", "", ""), List.of("", "", ""));
    bob.await("the caret's row and column deleted", () -> less.equals(bob.js(CELLS)));
    action(alice, "deleteTable");
    bob.await("the table deleted", () -> ((List<?>) bob.js(CELLS)).isEmpty());
    saved(alice);
    assertThat((String) alice.js("return window.__verso.text()")).as("the text before the caret stayed a paragraph")
        .isEqualTo("Above\n\n");
  }

  @Test
  void twoPeopleTypingInDifferentCellsAtOnceEndWithOneTable() {
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength() - 1, 'user');"
        + "q.insertText(0, 'Grid\\n', 'user');"
        + "q.focus(); q.setSelection(q.getLength() - 1, 0, 'user'); q.getModule('table').insertTable(2, 2)");
    saved(alice);
    bob.await("the empty table", () -> List.of(List.of("", ""), List.of("", "")).equals(bob.js(CELLS)));
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> type(alice, 0, "alice types here"));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> type(bob, 3, "bob types there"));
    a.join();
    b.join();
    saved(alice);
    saved(bob);
    List<List<String>> expected = List.of(List.of("alice types here", ""), List.of("", "bob types there"));
    alice.await("alice's page", () -> expected.equals(alice.js(CELLS)));
    bob.await("bob's page", () -> expected.equals(bob.js(CELLS)));
    assertThat(alice.js("return JSON.stringify(window.__verso.contents())"))
        .isEqualTo(bob.js("return JSON.stringify(window.__verso.contents())"));
    assertThat(alice.driver.findElement(By.id("word-count")).getText()).startsWith("7 words");

    // a comment on a cell's text follows it while a row is added above
    alice.js("const q = window.__verso.quill; const at = q.getText().indexOf('bob types there');"
        + "return fetch('/api/docs/' + arguments[0] + '/comments', {method: 'POST', headers: {'Content-Type': 'application/json',"
        + " 'X-Requested-With': 'verso'}, body: JSON.stringify({rev: window.__verso.rev(), index: at, length: 15, text: 'Cell note'})})"
        + ".then(r => r.status)", docId);
    alice.await("the thread on the cell's text", () -> threadTexts(alice).contains("bob types there"));
    alice.driver.findElements(By.cssSelector(".ql-editor td")).get(0).click();
    action(alice, "insertRowAbove");
    bob.await("three rows on Bob's page", () -> ((List<?>) bob.js(CELLS)).size() == 3);
    alice.await("the thread still on the cell's text", () -> threadTexts(alice).equals(List.of("bob types there")));

    // the history preview shows the table
    alice.driver.findElement(By.id("history-btn")).click();
    alice.await("history entries", () -> !alice.driver.findElements(By.cssSelector("#history-entries .entry")).isEmpty());
    alice.driver.findElements(By.cssSelector("#history-entries .entry")).get(0).click();
    alice.await("the preview's table", () -> ((Number) alice.js(
        "return document.querySelectorAll('#history-preview table td').length")).intValue() == 6);
    alice.driver.findElement(By.id("preview-close")).click();
  }

  @SuppressWarnings("unchecked")
  private static List<String> threadTexts(Chrome c) {
    return ((List<java.util.Map<String, Object>>) c.js("return window.__verso.commentThreads()")).stream()
        .map(t -> (String) t.get("text")).toList();
  }

  /** Types text key by key into the n-th cell of the page's table. */
  private static void type(Chrome c, int cell, String text) {
    WebElement td = c.driver.findElements(By.cssSelector(".ql-editor td")).get(cell);
    td.click();
    for (char ch : text.toCharArray()) {
      td.sendKeys(String.valueOf(ch));
    }
  }

  private static WebElement menu(Chrome c) {
    return c.driver.findElement(By.id("table-menu"));
  }

  private static WebElement button(Chrome c, String action) {
    return c.driver.findElement(By.cssSelector("#table-menu button[data-action='" + action + "']"));
  }

  /** Opens the menu and chooses an item, the caret where it was. */
  private static void action(Chrome c, String action) {
    menu(c).findElement(By.tagName("summary")).click();
    c.await(action + " enabled", () -> button(c, action).isEnabled());
    button(c, action).click();
    saved(c);
  }

  private static void saved(Chrome c) {
    c.await("saved", () -> "saved".equals(c.status()) && !(Boolean) c.js("return window.__verso.pending()"));
  }
}
