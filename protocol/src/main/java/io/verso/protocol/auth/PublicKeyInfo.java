package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/**
 * Reply of {@code verso.auth.publicKey}: what any service needs to verify access tokens itself
 * (the JWS algorithm, the SubjectPublicKeyInfo PEM and the expected issuer). No secret is shared.
 */
public record PublicKeyInfo(String algorithm, String publicKeyPem, String issuer) {
  public JsonObject toJson() {
    return new JsonObject().put("algorithm", algorithm).put("publicKeyPem", publicKeyPem).put("issuer", issuer);
  }

  public static PublicKeyInfo fromJson(JsonObject json) {
    return new PublicKeyInfo(Fields.string(json, "algorithm", 16), Fields.string(json, "publicKeyPem", 4096),
        Fields.string(json, "issuer", 256));
  }
}
