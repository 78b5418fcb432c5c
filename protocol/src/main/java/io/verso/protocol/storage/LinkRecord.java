package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.json.JsonObject;

/**
 * A document's share link as storage keeps it: {@code {"docId","role","tokenHash"?}} — the SHA-256
 * (hex) of its token, never the token. The role is viewer, commenter or editor, never owner. The
 * request of STORAGE_LINK_PUT (without a hash: only the role changes) and the reply of STORAGE_LINK_GET.
 */
public record LinkRecord(String docId, Role role, String tokenHash) {
  /** Hex SHA-256. */
  public static final int HASH_LENGTH = 64;

  public LinkRecord {
    if (role == Role.OWNER) {
      throw Fields.bad("a link never gives owner rights");
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("docId", docId).put("role", role.wire());
    if (tokenHash != null) {
      json.put("tokenHash", tokenHash);
    }
    return json;
  }

  public static LinkRecord fromJson(JsonObject json) {
    Object role = json.getValue("role");
    return new LinkRecord(Fields.docId(json, "docId"), Role.of(role instanceof String s ? s : null),
        Fields.optString(json, "tokenHash", HASH_LENGTH));
  }
}
