package io.verso.protocol.storage;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;

/** {@code {"docId","imageId"}}: the request of STORAGE_IMAGE_GET; an image is named within its document. */
public record ImageRef(String docId, String imageId) {
  /** Image ids are 16..64 characters of [A-Za-z0-9_-] (the server makes them: 128 random bits, base64url). */
  public static boolean isImageId(String s) {
    return s != null && Addresses.isToken(s, 0, s.length(), 16, 64);
  }

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("imageId", imageId);
  }

  public static ImageRef fromJson(JsonObject json) {
    return new ImageRef(Fields.docId(json, "docId"), imageId(json));
  }

  static String imageId(JsonObject json) {
    String id = Fields.string(json, "imageId", 64);
    if (!isImageId(id)) {
      throw Fields.bad("imageId is not a valid image id");
    }
    return id;
  }
}
