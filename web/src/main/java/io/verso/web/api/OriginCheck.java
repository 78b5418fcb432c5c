package io.verso.web.api;

import io.verso.protocol.ErrorCode;
import io.verso.web.WebConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-site request forgery guard for state-changing requests (POST, PUT, PATCH, DELETE):
 * <ul>
 *   <li>an {@code Origin} header must be one of the allowed origins — the configured ones (default
 *       the server's localhost ones) and the public URL's — (a foreign or {@code null} origin → 403);</li>
 *   <li>without {@code Origin}, the request must carry {@code Sec-Fetch-Site: same-origin} or an
 *       {@code X-Requested-With} header (which a cross-site page cannot send without a CORS
 *       preflight, and we never grant one); otherwise 403.</li>
 * </ul>
 * SameSite=Strict cookies are the second line of defence.
 */
public final class OriginCheck {
  private final Set<String> configured;
  private final String publicOrigin;
  private volatile Set<String> allowed;

  public OriginCheck(List<String> configured) {
    this(configured, null);
  }

  /** {@code publicOrigin}: the origin of the public URL, allowed besides the others (null: none). */
  public OriginCheck(List<String> configured, String publicOrigin) {
    this.configured = Set.copyOf(configured);
    this.publicOrigin = publicOrigin == null ? null : WebConfig.normalizeOrigin(publicOrigin);
    this.allowed = withPublic(this.configured);
  }

  /** With no configured origins, the server's own origins once its port is known (and the public one). */
  public void defaultToPort(int port) {
    if (configured.isEmpty()) {
      allowed = withPublic(Set.of("http://localhost:" + port, "http://127.0.0.1:" + port));
    }
  }

  private Set<String> withPublic(Set<String> origins) {
    if (publicOrigin == null) {
      return origins;
    }
    Set<String> all = new HashSet<>(origins);
    all.add(publicOrigin);
    return Set.copyOf(all);
  }

  public Set<String> allowed() {
    return allowed;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    HttpMethod m = req.method();
    boolean changesState = m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
    if (!changesState || allowedRequest(req)) {
      ctx.next();
    } else {
      ctx.fail(ErrorCode.FORBIDDEN.exception("cross-origin request refused"));
    }
  }

  private boolean allowedRequest(HttpServerRequest req) {
    String origin = req.getHeader("Origin");
    if (origin != null) {
      return allowed.contains(WebConfig.normalizeOrigin(origin));
    }
    return "same-origin".equalsIgnoreCase(req.getHeader("Sec-Fetch-Site")) || req.getHeader("X-Requested-With") != null;
  }
}
