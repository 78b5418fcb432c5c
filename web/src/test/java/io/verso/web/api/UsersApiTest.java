package io.verso.web.api;

import static io.verso.web.api.ApiAuthTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** People search: signed-in users only, never a directory: a query of 2+ characters, at most 10 names, a rate per user. */
class UsersApiTest extends WithApiStack {

  private static CookieClient user(String username, String displayName) {
    CookieClient c = new CookieClient(port);
    HttpResponse<String> r = c.post("/api/auth/register", new JsonObject().put("username", username)
        .put("password", "password-" + username).put("displayName", displayName).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return c;
  }

  @Test
  void aPrefixOfTheUsernameOrDisplayNameFindsAtMostTenWithUsernameAndDisplayNameOnly() {
    CookieClient me = user("searcher", "Searcher");
    for (int i = 0; i < 12; i++) {
      user("zed" + i, "Zed number " + i);
    }
    user("quentin", "Zora Quentin");
    JsonArray zs = new JsonArray(me.get("/api/users?q=ze").body());
    assertThat(zs).hasSize(10);
    JsonObject first = zs.getJsonObject(0);
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("username", "displayName");
    assertThat(first.getString("username")).startsWith("zed");

    JsonArray byName = new JsonArray(me.get("/api/users?q=ZOR").body());
    assertThat(byName).hasSize(1);
    assertThat(byName.getJsonObject(0).getString("username")).isEqualTo("quentin");
    assertThat(byName.getJsonObject(0).getString("displayName")).isEqualTo("Zora Quentin");
    assertThat(new JsonArray(me.get("/api/users?q=uentin").body())).as("a prefix, not any part").isEmpty();
    assertThat(new JsonArray(me.get("/api/users?q=%25%25").body())).as("wildcards are literal").isEmpty();
    assertThat(new JsonArray(me.get("/api/users?q=z_").body())).isEmpty();
  }

  @Test
  void noDirectoryForAnEmptyOrShortQueryNorForAStranger() {
    CookieClient me = user("shorty", "Shorty");
    assertError(me.get("/api/users"), 422, "INVALID_OP");
    assertError(me.get("/api/users?q="), 422, "INVALID_OP");
    assertError(me.get("/api/users?q=s"), 422, "INVALID_OP");
    assertError(me.get("/api/users?q=%20s%20"), 422, "INVALID_OP");
    assertError(me.get("/api/users?q=" + "s".repeat(65)), 422, "INVALID_OP");
    assertError(me.get("/api/users?q=ab&q=cd"), 400, "BAD_REQUEST");
    CookieClient stranger = new CookieClient(port);
    assertError(stranger.send("GET", "/api/users?q=sh", null, Map.of()), 401, "UNAUTHENTICATED");
  }

  @Test
  void eachUserIsThrottledAlone() {
    CookieClient busy = user("busy", "Busy");
    CookieClient calm = user("calm", "Calm");
    for (int i = 0; i < 30; i++) {
      assertThat(busy.get("/api/users?q=ca").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> throttled = busy.get("/api/users?q=ca");
    assertError(throttled, 429, "RATE_LIMITED");
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(new JsonArray(calm.get("/api/users?q=bu").body()).getJsonObject(0).getString("username")).isEqualTo("busy");
  }
}
