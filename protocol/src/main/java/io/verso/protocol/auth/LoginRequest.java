package io.verso.protocol.auth;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code verso.auth.login}. {@code clientAddress} is the caller's network address as the web
 * tier saw it (used for per-address login throttling); the reply is a {@link SessionGrant}.
 */
public record LoginRequest(String username, String password, String clientAddress) {
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("password", password).put("clientAddress", clientAddress);
  }

  public static LoginRequest fromJson(JsonObject json) {
    return new LoginRequest(json.getString("username"), json.getString("password"), json.getString("clientAddress"));
  }
}
