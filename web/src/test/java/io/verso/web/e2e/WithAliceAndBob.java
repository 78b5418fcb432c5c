package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Browser tests of two users on one document: the whole stack, Chromium signed up as alice and as
 * bob (started side by side), and one document of alice's titled {@link #title()}, for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithAliceAndBob {
  FullStack stack;
  String base;
  Chrome alice;
  Chrome bob;
  String docId;

  /** The title of alice's document. */
  abstract String title();

  @BeforeAll
  void startTwoBrowsers() {
    stack = new FullStack(new JsonObject());
    base = "http://localhost:" + stack.port();
    CompletableFuture<Chrome> a = CompletableFuture.supplyAsync(Chrome::new);
    CompletableFuture<Chrome> b = CompletableFuture.supplyAsync(Chrome::new);
    alice = a.join();
    bob = b.join();
    alice.signUp(base, "alice", "Alice");
    bob.signUp(base, "bob", "Bob");
    docId = alice.createDocument(title());
  }

  @AfterAll
  void stopBrowsersAndStack() {
    Chrome.closeAll(alice, bob);
    if (stack != null) {
      stack.close();
    }
  }

  /** Alice's page gives a user a role on her document, as the share dialog does. */
  void setRole(String username, String role) {
    Object status = alice.js("return fetch('/api/docs/' + arguments[0] + '/members/' + arguments[1], {method: 'PUT',"
        + " headers: {'Content-Type': 'application/json', 'X-Requested-With': 'verso'}, body: JSON.stringify({role: arguments[2]})})"
        + ".then(r => r.status)", docId, username, role);
    assertThat(((Number) status).intValue()).isEqualTo(200);
  }

  /** Opens alice's document in c afresh (a page already on it is reloaded), open for editing or reading. */
  void openDoc(Chrome c) {
    c.driver.get(base + "/#/doc/" + docId);
    c.driver.navigate().refresh();
    c.await("document open", () -> "saved".equals(c.status()) || "readonly".equals(c.status()));
  }
}
