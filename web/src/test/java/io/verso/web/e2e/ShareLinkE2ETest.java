package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 26 in Chromium: the owner finds a person by name in the share dialog and invites them (the
 * dialog names them by display name); the owner turns on an edit link, bob (no member) opens it and
 * edits live; the owner turns it off and bob's open page loses access at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShareLinkE2ETest extends WithAliceAndBob {

  @Override
  String title() {
    return "Shared by link";
  }

  private void openShareDialog() {
    alice.driver.findElement(By.id("share-btn")).click();
    alice.await("share dialog", () -> !alice.driver.findElements(By.id("member-username")).isEmpty());
  }

  private String text(Chrome c) {
    return (String) c.js("return document.querySelector('#editor .ql-editor').innerText");
  }

  @Test
  @Order(1)
  void peopleSearchPickAndInviteShowTheDisplayName() {
    openShareDialog();
    WebElement field = alice.driver.findElement(By.id("member-username"));
    assertThat(field.getAttribute("role")).isEqualTo("combobox");
    assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");
    field.sendKeys("Bo");
    alice.await("bob found by his name", () -> !alice.driver.findElements(
        By.cssSelector("#member-options li[data-username='bob']")).isEmpty());
    assertThat(field.getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(alice.driver.findElement(By.cssSelector("#member-options li[data-username='bob']")).getText())
        .isEqualTo("Bob (bob)");
    field.sendKeys(Keys.ARROW_DOWN);
    assertThat(field.getAttribute("aria-activedescendant")).isEqualTo("member-option-0");
    assertThat(alice.driver.findElement(By.id("member-option-0")).getAttribute("aria-selected")).isEqualTo("true");
    field.sendKeys(Keys.ENTER);
    assertThat(field.getAttribute("value")).isEqualTo("bob");
    assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");
    new Select(alice.driver.findElement(By.id("member-role"))).selectByValue("viewer");
    alice.driver.findElement(By.id("member-add")).click();
    alice.await("invited, by name", () -> "Shared with Bob".equals(alice.driver.findElement(By.id("share-status")).getText()));
    alice.await("bob listed", () -> !alice.driver.findElements(By.cssSelector("#members li[data-username='bob']")).isEmpty());
    assertThat(alice.driver.findElement(By.cssSelector("#members li[data-username='bob'] .member-name")).getText())
        .isEqualTo("Bob");

    // Escape closes the list first, and only then the dialog
    field.sendKeys("al");
    alice.await("alice found", () -> "true".equals(field.getAttribute("aria-expanded")));
    field.sendKeys(Keys.ESCAPE);
    assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");
    assertThat(alice.driver.findElement(By.id("share")).getAttribute("open")).isNotNull();

    // bob a member no more, for the link below
    alice.driver.findElement(By.cssSelector("#members li[data-username='bob'] .member-remove")).click();
    alice.await("bob removed", () -> alice.driver.findElements(By.cssSelector("#members li[data-username='bob']")).isEmpty());
    alice.driver.findElement(By.id("share-close")).click();
  }

  @Test
  @Order(2)
  void anEditLinkLetsANonMemberEditLiveUntilItIsTurnedOff() {
    alice.driver.get(base + "/#/doc/" + docId);
    alice.driver.navigate().refresh();
    alice.await("alice's editor", () -> "saved".equals(alice.status()));
    openShareDialog();
    Select linkRole = new Select(alice.driver.findElement(By.id("link-role")));
    assertThat(linkRole.getFirstSelectedOption().getAttribute("value")).as("off by default").isEqualTo("off");
    assertThat(alice.driver.findElements(By.id("link-url"))).as("off: no link shown").isEmpty();
    linkRole.selectByValue("editor");
    alice.await("the link row, once the link is on", () -> !alice.driver.findElements(By.id("link-url")).isEmpty());
    WebElement url = alice.driver.findElement(By.id("link-url"));
    alice.await("the link shown", () -> url.getAttribute("value").contains("?link="));
    String link = url.getAttribute("value");
    assertThat(link).startsWith(base + "/#/doc/" + docId + "?link=");
    alice.driver.findElement(By.id("share-close")).click();

    bob.driver.get(base + "/#/");
    bob.driver.get(link);
    bob.await("bob's page open for editing by the link", () -> "saved".equals(bob.status()));
    assertThat(bob.driver.getCurrentUrl()).as("the token out of the address bar").doesNotContain("link=");
    bob.driver.findElement(By.cssSelector("#editor .ql-editor")).sendKeys("Bob came by the link");
    alice.await("bob's words on alice's page, live", () -> text(alice).contains("Bob came by the link"));
    assertThat(bob.driver.findElements(By.id("share-btn")).stream().allMatch(b -> !b.isDisplayed()))
        .as("no owner rights by a link").isTrue();
    // a download carries the link too: the file is saved from a fetch with the token (kept here to read it)
    bob.js("const make = URL.createObjectURL; URL.createObjectURL = (b) => { b.text().then(t => { window.savedText = t; });"
        + " return make.call(URL, b); }");
    bob.driver.findElement(By.cssSelector("#export summary")).click();
    bob.driver.findElement(By.cssSelector("#export a[data-format='txt']")).click();
    bob.await("the text downloaded by the link", () -> String.valueOf(bob.js("return window.savedText || ''"))
        .contains("Bob came by the link"));

    openShareDialog();
    assertThat(alice.driver.findElements(By.cssSelector("#members li[data-username='bob']"))).as("not a member").isEmpty();
    new Select(alice.driver.findElement(By.id("link-role"))).selectByValue("off");
    bob.await("bob's page loses access at once", () -> "revoked".equals(bob.status()));
    assertThat(bob.driver.findElement(By.cssSelector("#editor .ql-editor")).getAttribute("contenteditable")).isEqualTo("false");
    alice.driver.findElement(By.id("share-close")).click();

    bob.driver.get(base + "/#/doc/" + docId);
    bob.driver.navigate().refresh();
    bob.await("a reload finds nothing", () -> !bob.driver.findElements(By.id("doc-error")).isEmpty());
  }

  @Test
  @Order(3)
  void aSignedOutVisitorSignsInAndComesBackToTheLink() {
    bob.driver.get(base + "/#/");
    bob.await("bob's list", () -> !bob.driver.findElements(By.id("logout-btn")).isEmpty());
    bob.driver.findElement(By.id("logout-btn")).click();
    bob.await("signed out", () -> !bob.driver.findElements(By.id("login-btn")).isEmpty());

    openShareDialog();
    new Select(alice.driver.findElement(By.id("link-role"))).selectByValue("viewer");
    alice.await("the link row, once the link is on", () -> !alice.driver.findElements(By.id("link-url")).isEmpty());
    WebElement url = alice.driver.findElement(By.id("link-url"));
    alice.await("a new link", () -> url.getAttribute("value").contains("?link="));
    String link = url.getAttribute("value");
    alice.driver.findElement(By.id("share-close")).click();

    bob.driver.get(link);
    bob.await("sent to sign in", () -> !bob.driver.findElements(By.id("login-btn")).isEmpty());
    bob.driver.findElement(By.id("username")).sendKeys("bob");
    bob.driver.findElement(By.id("password")).sendKeys("correct horse bob");
    bob.driver.findElement(By.id("login-btn")).click();
    bob.await("back at the document, read-only by a view link", () -> "readonly".equals(bob.status()));
    assertThat(text(bob)).contains("Bob came by the link");
  }
}
