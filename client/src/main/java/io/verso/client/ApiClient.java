package io.verso.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP API of one Verso node as a browser uses it: JSON bodies, a same-origin {@code Origin}
 * header, cookies kept from {@code Set-Cookie} answers (for the bridge handshake too). Used by the
 * load generator, tests and examples.
 */
public final class ApiClient {
  /** Connect and idle timeout of every request. */
  public static final long TIMEOUT_MS = 30_000;
  private final HttpClient http;
  private final String host;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public ApiClient(Vertx vertx, String host, int port) {
    this.http = vertx.createHttpClient();
    this.host = host;
    this.port = port;
  }

  /** The same user's cookies, against another node. */
  public ApiClient on(Vertx vertx, int otherPort) {
    ApiClient a = new ApiClient(vertx, host, otherPort);
    a.cookies.putAll(cookies);
    return a;
  }

  public String cookieHeader() {
    StringBuilder b = new StringBuilder();
    cookies.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(k).append('=').append(v));
    return b.toString();
  }

  public record Answer(int status, String body, HttpClientResponse response) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  public Future<Answer> call(HttpMethod method, String path, JsonObject body) {
    // a request that gets no connection or no answer fails (TimeoutException) instead of waiting forever
    RequestOptions o = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path)
        .setTimeout(TIMEOUT_MS).putHeader("Origin", "http://" + host + ":" + port);
    if (!cookies.isEmpty()) {
      o.putHeader("Cookie", cookieHeader());
    }
    return http.request(o).compose(req -> {
      if (body != null) {
        req.putHeader("Content-Type", "application/json");
        return req.send(body.toBuffer());
      }
      return req.send();
    }).compose(resp -> resp.body().map(buf -> {
      for (String c : resp.cookies()) {
        String pair = c.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (value.isEmpty()) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return new Answer(resp.statusCode(), buf.toString(), resp);
    }));
  }

  public Future<Answer> expect(int status, HttpMethod method, String path, JsonObject body) {
    return call(method, path, body).compose(a -> a.status() == status ? Future.succeededFuture(a)
        : Future.failedFuture(new AssertionError(method + " " + path + " on :" + port + " answered "
            + a.status() + " (expected " + status + "): " + a.body())));
  }

  public Future<Answer> register(String username, String password) {
    return expect(201, HttpMethod.POST, "/api/auth/register", new JsonObject()
        .put("username", username).put("password", password).put("displayName", username));
  }

  public Future<Answer> login(String username, String password) {
    return expect(200, HttpMethod.POST, "/api/auth/login",
        new JsonObject().put("username", username).put("password", password));
  }

  public Future<String> createDoc(String title) {
    return expect(201, HttpMethod.POST, "/api/docs", new JsonObject().put("title", title))
        .map(a -> a.json().getString("id"));
  }
}
