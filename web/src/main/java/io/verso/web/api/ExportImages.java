package io.verso.web.api;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.ImageRef;
import io.verso.protocol.storage.StoredImage;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML export carries the document's uploaded images inline, as {@code data:} URLs, so the file
 * shows them wherever it is opened (its relative URLs would point nowhere, and an absolute one would
 * need a signed-in browser). Only this document's own images (the op policy lets no other in), read
 * from storage after the export's own membership check, one at a time, up to {@value #MAX_INLINE_BYTES}
 * bytes in all; an image beyond that, or gone, is left out of the file as any unsafe image is.
 */
final class ExportImages {
  static final long MAX_INLINE_BYTES = 32L * 1024 * 1024;
  private final EventBus bus;

  ExportImages(EventBus bus) {
    this.bus = bus;
  }

  /** {@code content} with each own image's URL replaced by its data URL (a copy; the rest as it was). */
  Future<JsonArray> inline(String docId, JsonArray content) {
    String prefix = ImagesApi.url(docId, "");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      String src = imageOf(content.getValue(i));
      if (src != null && src.startsWith(prefix) && ImageRef.isImageId(src.substring(prefix.length()))
          && !ids.contains(src.substring(prefix.length()))) {
        ids.add(src.substring(prefix.length()));
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(content);
    }
    return fetch(docId, ids, 0, new HashMap<>(), 0).map(dataUrls -> {
      JsonArray out = new JsonArray(new ArrayList<>(content.size()));
      for (int i = 0; i < content.size(); i++) {
        Object op = content.getValue(i);
        String src = imageOf(op);
        if (src != null && src.startsWith(prefix)) {
          String data = dataUrls.get(src.substring(prefix.length()));
          JsonObject copy = ((JsonObject) op).copy();
          copy.put("insert", new JsonObject().put("image", data == null ? "" : data));
          out.add(copy);
        } else {
          out.add(op);
        }
      }
      return out;
    });
  }

  private Future<Map<String, String>> fetch(String docId, List<String> ids, int i, Map<String, String> got, long bytes) {
    if (i == ids.size()) {
      return Future.succeededFuture(got);
    }
    return Bus.request(bus, Addresses.STORAGE_IMAGE_GET, new ImageRef(docId, ids.get(i)).toJson())
        .map(StoredImage::fromJson)
        .otherwiseEmpty() // gone (or storage failing): left out, the rest of the export still made
        .compose(image -> {
          long total = bytes;
          if (image != null && total + image.bytes().length <= MAX_INLINE_BYTES) {
            total += image.bytes().length;
            got.put(ids.get(i), "data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes()));
          }
          return fetch(docId, ids, i + 1, got, total);
        });
  }

  private static String imageOf(Object op) {
    if (op instanceof JsonObject o && o.getValue("insert") instanceof JsonObject embed
        && embed.getValue("image") instanceof String src) {
      return src;
    }
    return null;
  }
}
