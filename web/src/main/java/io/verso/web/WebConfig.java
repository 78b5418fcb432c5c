package io.verso.web;

import io.vertx.core.json.JsonArray;
import io.verso.runtime.Configs;
import io.verso.web.api.OriginCheck;
import io.verso.web.auth.AccessTokenVerifier;
import io.verso.web.auth.SessionCookies;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Configuration of the web tier, read once. Keys flat ({@code "http.port": 8080}) or nested
 * ({@code "http": {"port": 8080}}).
 *
 * @param port           {@code http.port} (0: any free port)
 * @param host           {@code http.host} (default 127.0.0.1)
 * @param allowedOrigins {@code http.allowedOrigins}: origins allowed to make state-changing requests
 *                       (array or comma-separated); empty: the server's own http://localhost:PORT and
 *                       http://127.0.0.1:PORT
 * @param secureCookies  {@code http.secureCookies}: mark cookies {@code Secure} (default true; turn off
 *                       only for plain HTTP on localhost)
 * @param bodyLimitBytes {@code http.bodyLimitBytes}: the largest accepted request body (default 64 KiB)
 * @param tokenLeewaySeconds {@code auth.jwt.leewaySeconds}: seconds an access token is still accepted
 *                       after its expiry, for clock skew between nodes (0..60, default 30)
 * @param idleTimeoutSeconds {@code http.idleTimeoutSeconds}: a connection with no bytes either way for
 *                       this long is closed (default 75: above the bridge's 60 s idle timeout for
 *                       sockets, the 25 s SockJS heartbeat and the app's 5 s pings, so only dead or
 *                       silent connections go — idle keep-alives, connections that never send a request)
 * @param publicUrl      {@code http.publicUrl}: the URL users open (null: none given); its origin is
 *                       allowed too, and see {@code allowInsecureHttp}
 * @param allowInsecureHttp {@code http.allowInsecureHttp}: accept a plain-HTTP public URL on a host other
 *                       than localhost, whose requests then get cookies without Secure (refused otherwise)
 * @param webSocketCompressionLevel {@code http.webSocketCompressionLevel}: the deflate level (1 fastest ..
 *                       9 smallest) of the WebSocket compression every browser offers; 0: not accepted,
 *                       frames go uncompressed. Compression is per socket (each has its own deflate
 *                       context), so it costs once per recipient of every event (see docs/BENCHMARKS.md)
 */
public record WebConfig(int port, String host, List<String> allowedOrigins, boolean secureCookies, long bodyLimitBytes,
                        int tokenLeewaySeconds, int idleTimeoutSeconds, PublicUrl publicUrl, boolean allowInsecureHttp,
                        int webSocketCompressionLevel) {

  /**
   * The default of {@code http.webSocketCompressionLevel}: off. Compressing every event once per
   * recipient cost more server and client CPU per delivered keystroke than everything else of the
   * fan-out (docs/BENCHMARKS.md, issue 28); ShareDB on {@code ws} does not compress either.
   */
  public static final int DEFAULT_WEBSOCKET_COMPRESSION_LEVEL = 0;

  public WebConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port must be 0..65535");
    }
    if (bodyLimitBytes < 1) {
      throw new IllegalArgumentException("http.bodyLimitBytes must be positive");
    }
    if (tokenLeewaySeconds < 0 || tokenLeewaySeconds > AccessTokenVerifier.MAX_LEEWAY_SECONDS) {
      throw new IllegalArgumentException("auth.jwt.leewaySeconds must be 0.." + AccessTokenVerifier.MAX_LEEWAY_SECONDS);
    }
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException("http.idleTimeoutSeconds must be positive");
    }
    if (webSocketCompressionLevel < 0 || webSocketCompressionLevel > 9) {
      throw new IllegalArgumentException("http.webSocketCompressionLevel must be 0..9");
    }
    allowedOrigins = List.copyOf(allowedOrigins);
    if (publicUrl != null && publicUrl.insecure() && !allowInsecureHttp) {
      throw new IllegalArgumentException(publicUrl.refusal());
    }
  }

  public static WebConfig from(JsonObject config) {
    Object origins = lookup(config, "http.allowedOrigins");
    List<String> list = new ArrayList<>();
    if (origins instanceof JsonArray arr) {
      arr.forEach(o -> list.add(normalizeOrigin(String.valueOf(o))));
    } else if (origins != null) {
      for (String o : origins.toString().split(",")) {
        if (!o.isBlank()) {
          list.add(normalizeOrigin(o));
        }
      }
    }
    String publicUrl = Configs.string(config, "http.publicUrl", null);
    return new WebConfig(
        Configs.integer(config, "http.port", 8080),
        Configs.string(config, "http.host", "127.0.0.1"),
        list,
        Configs.bool(config, "http.secureCookies", true),
        Configs.longValue(config, "http.bodyLimitBytes", 64 * 1024),
        Configs.integer(config, "auth.jwt.leewaySeconds", AccessTokenVerifier.DEFAULT_LEEWAY_SECONDS),
        Configs.integer(config, "http.idleTimeoutSeconds", 75),
        publicUrl == null ? null : PublicUrl.parse(publicUrl),
        Configs.bool(config, "http.allowInsecureHttp", false),
        Configs.integer(config, "http.webSocketCompressionLevel", DEFAULT_WEBSOCKET_COMPRESSION_LEVEL));
  }

  /** Whether requests come over plain HTTP to a host other than localhost, by explicit choice. */
  public boolean insecureHttp() {
    return publicUrl != null && publicUrl.insecure();
  }

  /** How session cookies are named and marked for each request. */
  public SessionCookies sessionCookies() {
    return new SessionCookies(secureCookies, insecureHttp() ? publicUrl.host() : null);
  }

  /** The cross-site request guard: the configured origins (or the localhost ones) and the public URL's. */
  public OriginCheck originCheck() {
    return new OriginCheck(allowedOrigins, publicUrl == null ? null : publicUrl.origin());
  }

  /** Origins compare as lowercase scheme://host[:port], without a trailing slash. */
  public static String normalizeOrigin(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  static Object lookup(JsonObject config, String key) {
    return Configs.lookup(config, key);
  }
}
