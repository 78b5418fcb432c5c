package io.verso.web.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** API tests on one real stack (storage, auth, web tier with secure cookies off) for the whole class. */
abstract class WithApiStack {
  static ApiStack stack;
  static int port;

  @BeforeAll
  static void deployStack() {
    stack = new ApiStack(60_000);
    port = stack.web(true).port();
  }

  @AfterAll
  static void closeStack() {
    stack.close();
  }
}
