package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * Accessibility (issue 26): axe-core finds nothing serious or critical on the sign-in page, the
 * document list, the editor (as an editor), the open link box, the open find bar and the open share dialog; the save status is announced
 * politely; a dialog takes the focus, keeps Tab inside, closes on Escape and gives the focus back.
 */
class A11yE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Accessible doc";
  }

  @Test
  void theSignInPageHasNoSeriousViolations() {
    bob.driver.get(base + "/#/login");
    bob.await("sign-in page", () -> !bob.driver.findElements(By.id("auth-form")).isEmpty());
    assertThat(Axe.seriousViolations(bob)).isEmpty();
    assertThat(unlabelled(bob)).isEmpty();
    bob.driver.get(base + "/#/");
  }

  @Test
  void theDocumentListHasNoSeriousViolations() {
    alice.driver.get(base + "/#/");
    alice.await("document list", () -> !alice.driver.findElements(By.cssSelector("#docs li")).isEmpty());
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    assertThat(unlabelled(alice)).isEmpty();
  }

  @Test
  void theEditorOfAnEditorHasNoSeriousViolations() {
    setRole("bob", "editor");
    openDoc(bob);
    bob.await("writable", () -> "saved".equals(bob.status()));
    assertThat(Axe.seriousViolations(bob)).isEmpty();
  }

  @Test
  void theOpenShareDialogHasNoSeriousViolations() {
    openDoc(alice);
    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("share dialog with its members", () -> !alice.driver.findElements(By.cssSelector("#members li")).isEmpty());
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    assertThat(unlabelled(alice)).isEmpty();
    alice.driver.findElement(By.id("share-close")).click();
  }

  @Test
  void theOpenLinkBoxAndTheOpenFindBarHaveNoSeriousViolations() {
    openDoc(alice);
    alice.js("const q = window.__verso.quill; q.deleteText(0, q.getLength() - 1, 'user'); q.insertText(0, 'see the docs', 'user'); q.focus(); q.setSelection(8, 4, 'user')");
    new Actions(alice.driver).keyDown(Keys.CONTROL).sendKeys("k").keyUp(Keys.CONTROL).perform();
    alice.await("the link box", () -> Boolean.TRUE.equals(alice.js("const t = document.querySelector('.ql-tooltip');"
        + " return !!t && t.classList.contains('ql-editing') && !t.classList.contains('ql-hidden')")));
    assertThat(alice.js("return document.querySelector('.ql-tooltip input[data-link]').getAttribute('aria-label')")).isEqualTo("Link address");
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    assertThat(unlabelled(alice)).isEmpty();
    new Actions(alice.driver).sendKeys(Keys.ESCAPE).perform();

    alice.js("const q = window.__verso.quill; q.focus(); q.setSelection(0, 0, 'user')"); // nothing selected to look for
    new Actions(alice.driver).keyDown(Keys.CONTROL).sendKeys("h").keyUp(Keys.CONTROL).perform();
    alice.await("the find bar with the replacement", () -> alice.driver.findElement(By.id("replace-input")).isDisplayed());
    new Actions(alice.driver).sendKeys("e").perform();
    alice.await("matches", () -> "1 of 3".equals(alice.js("return document.getElementById('find-count').textContent")));
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    assertThat(unlabelled(alice)).isEmpty();
    new Actions(alice.driver).sendKeys(Keys.ESCAPE).perform();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSaveStatusIsAnnouncedAndNothingNoisyIs() {
    openDoc(alice);
    assertThat(alice.js("return document.getElementById('status').getAttribute('aria-live')")).isEqualTo("polite");
    // people coming and going, cursors, the text and the toolbar are not read out: only the status
    // (notices are alerts) and the history panel's one-off "Loading…"
    assertThat((List<String>) alice.js("return Array.from(document.querySelectorAll('[aria-live], [role=status], [role=log]'))"
        + ".filter(e => e.getAttribute('aria-live') !== 'off').map(e => e.id || e.className)"))
        .contains("status").isSubsetOf("status", "history-loading");
  }

  @Test
  void theShareDialogTakesTheFocusKeepsTabInsideClosesOnEscapeAndGivesTheFocusBack() {
    openDoc(alice);
    alice.js("document.getElementById('share-btn').focus()");
    new Actions(alice.driver).sendKeys(Keys.ENTER).perform();
    alice.await("share dialog with its members", () -> !alice.driver.findElements(By.cssSelector("#members li")).isEmpty());
    alice.await("focus in the dialog", () -> inDialog());
    for (int i = 0; i < 12; i++) {
      new Actions(alice.driver).sendKeys(Keys.TAB).perform();
      assertThat(inDialog()).as("tab %d: %s", i, alice.js("return String(document.activeElement && document.activeElement.outerHTML)")).isTrue();
    }
    for (int i = 0; i < 12; i++) {
      new Actions(alice.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      assertThat(inDialog()).as("shift-tab %d: %s", i, alice.js("return String(document.activeElement && document.activeElement.outerHTML)")).isTrue();
    }
    new Actions(alice.driver).sendKeys(Keys.ESCAPE).perform();
    alice.await("closed on Escape", () -> Boolean.TRUE.equals(alice.js("const d = document.getElementById('share'); return d === null || !d.open")));
    alice.await("focus back on Share", () -> "share-btn".equals(alice.js("return document.activeElement.id")));
  }

  /**
   * The visible form fields on c's page named by nothing but a placeholder (which disappears as one
   * types, and which axe accepts): each needs a label or an aria-label.
   */
  @SuppressWarnings("unchecked")
  private static List<String> unlabelled(Chrome c) {
    return (List<String>) c.js("return Array.from(document.querySelectorAll('input, select, textarea'))"
        + ".filter(f => f.type !== 'hidden' && f.getClientRects().length > 0)"
        + ".filter(f => f.labels.length === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))"
        + ".map(f => f.id || f.outerHTML)");
  }

  private boolean inDialog() {
    return Boolean.TRUE.equals(alice.js("const a = document.activeElement; return a !== null && a !== document.body"
        + " && a.closest('dialog#share') !== null"));
  }


}
