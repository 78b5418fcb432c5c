package io.verso.protocol.auth;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Reply of {@code verso.auth.publicKey}: what any service needs to verify access tokens itself —
 * the JWS algorithm, the expected issuer and the public keys tokens may be signed with, each under
 * its {@code kid} (the current one, then the next and the previous one during a rotation). Public
 * keys only: no secret is ever shared. {@code publicKeyPem} and {@code kid} name the current key.
 */
public record PublicKeyInfo(String algorithm, String issuer, String kid, List<Key> keys) {
  /** At most current, next and previous, with room to spare. */
  private static final int MAX_KEYS = 8;

  /** One verification key: its JWK thumbprint and SubjectPublicKeyInfo PEM. */
  public record Key(String kid, String publicKeyPem) {
    JsonObject toJson() {
      return new JsonObject().put("kid", kid).put("publicKeyPem", publicKeyPem);
    }
  }

  public PublicKeyInfo {
    keys = List.copyOf(keys);
    if (keys.isEmpty() || !keys.get(0).kid().equals(kid)) {
      throw new IllegalArgumentException("the current key comes first in the key set");
    }
  }

  /** The current key's PEM. */
  public String publicKeyPem() {
    return keys.get(0).publicKeyPem();
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    keys.forEach(k -> list.add(k.toJson()));
    return new JsonObject().put("algorithm", algorithm).put("issuer", issuer).put("kid", kid)
        .put("publicKeyPem", publicKeyPem()).put("keys", list);
  }

  public static PublicKeyInfo fromJson(JsonObject json) {
    JsonArray list = Fields.array(json, "keys");
    if (list.size() > MAX_KEYS) {
      throw Fields.bad("too many verification keys");
    }
    List<Key> keys = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject k = Fields.element(list, i, "key");
      keys.add(new Key(Fields.string(k, "kid", 128), Fields.string(k, "publicKeyPem", 4096)));
    }
    try {
      return new PublicKeyInfo(Fields.string(json, "algorithm", 16), Fields.string(json, "issuer", 256),
          Fields.string(json, "kid", 128), keys);
    } catch (IllegalArgumentException e) {
      throw Fields.bad(e.getMessage());
    }
  }
}
