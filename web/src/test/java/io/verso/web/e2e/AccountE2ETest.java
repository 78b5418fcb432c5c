package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 26's look and feel: sign-in and sign-up are two separate forms with visible labels, each
 * linking to the other, a refused sign-in says why in words; the editor's header has an account menu
 * (who is signed in, the documents, sign out) with no serious accessibility violation.
 */
class AccountE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Account";
  }

  @Test
  void separateLabelledFormsAndTheEditorsAccountMenu() {
    bob.driver.get(base + "/#/");
    bob.await("list", () -> !bob.driver.findElements(By.id("logout-btn")).isEmpty());
    bob.driver.findElement(By.id("logout-btn")).click();
    bob.await("the sign-in form", () -> !bob.driver.findElements(By.id("login-btn")).isEmpty());
    assertThat(bob.driver.findElements(By.id("displayName"))).as("no sign-up field on the sign-in form").isEmpty();
    assertThat(labels(bob)).containsExactly("Username", "Password");
    assertThat(Axe.seriousViolations(bob)).isEmpty();
    bob.driver.findElement(By.id("username")).sendKeys("bob");
    bob.driver.findElement(By.id("password")).sendKeys("not bob's password");
    bob.driver.findElement(By.id("login-btn")).click();
    bob.await("a refusal in words", () -> !((String) bob.js("return document.getElementById('auth-error').textContent")).isBlank());

    bob.driver.findElement(By.id("to-signup")).click();
    bob.await("the sign-up form", () -> !bob.driver.findElements(By.id("register-btn")).isEmpty());
    assertThat(labels(bob)).containsExactly("Username", "Your name (shown to others)", "Password");
    assertThat(Axe.seriousViolations(bob)).isEmpty();
    bob.driver.findElement(By.id("to-login")).click();
    bob.await("back to sign in", () -> !bob.driver.findElements(By.id("login-btn")).isEmpty());
    bob.driver.findElement(By.id("username")).sendKeys("bob");
    bob.driver.findElement(By.id("password")).sendKeys("correct horse bob");
    bob.driver.findElement(By.id("login-btn")).click();
    bob.await("signed in", () -> !bob.driver.findElements(By.id("docs")).isEmpty());

    alice.driver.get(base + "/#/doc/" + docId);
    alice.await("editor", () -> "saved".equals(alice.status()));
    alice.driver.findElement(By.cssSelector("#account summary")).click();
    assertThat(alice.js("return document.querySelector('#account .who').textContent")).isEqualTo("@alice");
    assertThat(alice.js("return document.querySelector('#account summary').textContent")).isEqualTo("Alice");
    assertThat(Axe.seriousViolations(alice)).isEmpty();
    alice.driver.findElement(By.id("account-signout")).click();
    alice.await("signed out", () -> !alice.driver.findElements(By.id("login-btn")).isEmpty());
    alice.driver.findElement(By.id("username")).sendKeys("alice");
    alice.driver.findElement(By.id("password")).sendKeys("correct horse alice");
    alice.driver.findElement(By.id("login-btn")).click();
    alice.await("signed in again", () -> !alice.driver.findElements(By.id("docs")).isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static java.util.List<String> labels(Chrome c) {
    return (java.util.List<String>) c.js("return Array.from(document.querySelectorAll('form label'))"
        + ".filter(l => document.getElementById(l.htmlFor)).map(l => l.textContent)");
  }
}
