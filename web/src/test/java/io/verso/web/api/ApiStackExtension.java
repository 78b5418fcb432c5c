package io.verso.web.api;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link ApiStack} for a whole test class, with two web tiers: one setting secure (prefixed)
 * cookies and one plain-HTTP-localhost one. A static {@code @RegisterExtension} field.
 */
public final class ApiStackExtension implements BeforeAllCallback, AfterAllCallback {
  private final long loginWindowMs;
  private ApiStack stack;
  private int securePort;
  private int plainPort;

  public ApiStackExtension(long loginWindowMs) {
    this.loginWindowMs = loginWindowMs;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stack = new ApiStack(loginWindowMs);
    securePort = stack.web(true).port();
    plainPort = stack.web(false).port();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stack.close();
  }

  public ApiStack stack() {
    return stack;
  }

  /** The port of the web tier with secure cookies. */
  public int securePort() {
    return securePort;
  }

  /** The port of the web tier with plain localhost cookies. */
  public int plainPort() {
    return plainPort;
  }
}
