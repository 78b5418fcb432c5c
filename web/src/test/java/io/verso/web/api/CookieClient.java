package io.verso.web.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal cookie-keeping HTTP client for the API tests: remembers Set-Cookie values (honouring
 * Max-Age=0 and the Path scope), sends the page's Origin on every request unless told otherwise, and
 * fails any test that gets an /api answer without {@code Cache-Control: no-store}.
 */
public final class CookieClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String origin;
  /** name → {value, path} */
  private final Map<String, String[]> cookies = new LinkedHashMap<>();

  public CookieClient(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.origin = "http://localhost:" + port;
  }

  public HttpResponse<String> get(String path) {
    return send("GET", path, null, Map.of("Origin", origin));
  }

  public HttpResponse<String> post(String path, String json) {
    return send("POST", path, json, Map.of("Origin", origin));
  }

  public HttpResponse<String> put(String path, String json) {
    return send("PUT", path, json, Map.of("Origin", origin));
  }

  public HttpResponse<String> patch(String path, String json) {
    return send("PATCH", path, json, Map.of("Origin", origin));
  }

  public HttpResponse<String> delete(String path) {
    return send("DELETE", path, null, Map.of("Origin", origin));
  }

  /** A request with exactly these extra headers (a JSON body gets Content-Type application/json unless given). */
  public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    String cookieHeader = cookieHeader(path);
    if (!cookieHeader.isEmpty()) {
      b.header("Cookie", cookieHeader);
    }
    try {
      HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (path.startsWith("/api/") && !"no-store".equals(response.headers().firstValue("Cache-Control").orElse(null))) {
        throw new AssertionError("every API answer must carry Cache-Control: no-store: " + method + " " + path
            + " → " + response.statusCode() + " " + response.headers().map());
      }
      remember(response.headers().allValues("set-cookie"));
      return response;
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /**
   * A request with a binary body (null: none) and exactly these extra headers, its answer as bytes;
   * without the no-store check (an image is answered with private caching instead).
   */
  public HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    String cookieHeader = cookieHeader(path);
    if (!cookieHeader.isEmpty()) {
      b.header("Cookie", cookieHeader);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  /** The Cookie header this client would send to {@code path}. */
  public String cookies(String path) {
    return cookieHeader(path);
  }

  public String cookie(String name) {
    String[] c = cookies.get(name);
    return c == null ? null : c[0];
  }

  /** Replaces (or with null, removes) a cookie, e.g. to present a stolen or forged one. */
  public void setCookie(String name, String value, String path) {
    if (value == null) {
      cookies.remove(name);
    } else {
      cookies.put(name, new String[] {value, path});
    }
  }

  public String origin() {
    return origin;
  }

  private String cookieHeader(String path) {
    StringBuilder sb = new StringBuilder();
    cookies.forEach((name, c) -> {
      if (path.startsWith(c[1])) {
        sb.append(sb.length() == 0 ? "" : "; ").append(name).append('=').append(c[0]);
      }
    });
    return sb.toString();
  }

  private void remember(List<String> setCookies) {
    for (String header : setCookies) {
      String[] parts = header.split(";");
      int eq = parts[0].indexOf('=');
      String name = parts[0].substring(0, eq).trim();
      String value = parts[0].substring(eq + 1).trim();
      String path = "/";
      boolean expired = false;
      for (int i = 1; i < parts.length; i++) {
        String attr = parts[i].trim();
        if (attr.regionMatches(true, 0, "Path=", 0, 5)) {
          path = attr.substring(5);
        } else if (attr.equalsIgnoreCase("Max-Age=0")) {
          expired = true;
        }
      }
      if (expired) {
        cookies.remove(name);
      } else {
        cookies.put(name, new String[] {value, path});
      }
    }
  }
}
