package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** The reply of STORAGE_IMAGE_GET: the stored (sniffed) type, the ETag value (hex SHA-256 of the bytes) and the bytes. */
public record StoredImage(String contentType, String etag, byte[] bytes) {
  public JsonObject toJson() {
    return new JsonObject().put("contentType", contentType).put("etag", etag).put("bytes", bytes);
  }

  public static StoredImage fromJson(JsonObject json) {
    return new StoredImage(Fields.string(json, "contentType", 32), Fields.string(json, "etag", 64), json.getBinary("bytes"));
  }
}
