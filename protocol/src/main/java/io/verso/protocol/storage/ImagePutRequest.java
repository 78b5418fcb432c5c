package io.verso.protocol.storage;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * STORAGE_IMAGE_PUT: one image of a document, its type already sniffed from its bytes by the web tier,
 * and the document's limits that storage enforces atomically with the insert (at most
 * {@code maxCount} images and {@code maxBytes} bytes of them per document). The bytes travel as
 * base64 between nodes ({@link JsonObject#getBinary}).
 */
public record ImagePutRequest(String docId, String imageId, String userId, String contentType, byte[] bytes,
                              int maxCount, long maxBytes) {
  /** The only types an image is stored as. */
  public static final Set<String> TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  public JsonObject toJson() {
    return new JsonObject().put("docId", docId).put("imageId", imageId).put("userId", userId)
        .put("contentType", contentType).put("bytes", bytes).put("maxCount", maxCount).put("maxBytes", maxBytes);
  }

  public static ImagePutRequest fromJson(JsonObject json) {
    String type = Fields.string(json, "contentType", 32);
    if (!TYPES.contains(type)) {
      throw Fields.bad("contentType is not an image type Verso stores");
    }
    byte[] bytes;
    try {
      bytes = json.getBinary("bytes");
    } catch (ClassCastException | IllegalArgumentException e) {
      throw Fields.bad("bytes must be base64");
    }
    if (bytes == null || bytes.length == 0) {
      throw Fields.bad("bytes is required");
    }
    return new ImagePutRequest(Fields.docId(json, "docId"), ImageRef.imageId(json), Fields.string(json, "userId", 64),
        type, bytes, (int) Fields.integer(json, "maxCount", 1, Integer.MAX_VALUE),
        Fields.integer(json, "maxBytes", 1, Long.MAX_VALUE));
  }
}
