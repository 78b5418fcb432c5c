package io.verso.web.e2e;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Browser tests of one user: the whole stack and one Chromium signed up as alice, for the whole class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WithAliceInBrowser {
  FullStack stack;
  String base;
  Chrome alice;
  String aliceId;

  /** The stack this class runs against. */
  FullStack startStack() {
    return new FullStack(new JsonObject());
  }

  /** What alice types as her display name at sign-up; null leaves it empty. */
  String aliceDisplayName() {
    return null;
  }

  @BeforeAll
  void startSignedIn() {
    stack = startStack();
    base = "http://localhost:" + stack.port();
    alice = new Chrome();
    alice.signUp(base, "alice", aliceDisplayName());
    aliceId = (String) alice.js("return fetch('/api/me').then(r => r.json()).then(j => j.id)");
  }

  @AfterAll
  void stopBrowserAndStack() {
    if (alice != null) {
      alice.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** The page's save status. */
  String status() {
    return alice.status();
  }
}
