package io.verso.web.api;

import io.verso.web.WebVerticle;
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
  private WebVerticle secure;
  private WebVerticle plain;

  public ApiStackExtension(long loginWindowMs) {
    this.loginWindowMs = loginWindowMs;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    stack = new ApiStack(loginWindowMs);
    secure = stack.web(true);
    plain = stack.web(false);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stack.close();
  }

  public ApiStack stack() {
    return stack;
  }

  /** The port of the web tier with secure (prefixed) cookies, or of the plain localhost one. */
  public int port(boolean secureCookies) {
    return (secureCookies ? secure : plain).port();
  }
}
