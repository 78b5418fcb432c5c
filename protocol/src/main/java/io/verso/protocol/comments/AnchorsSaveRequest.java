package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code STORAGE_ANCHORS_SAVE}: {@code {"docId","rev","anchors":[ThreadAnchor…]}} → {@code {}}: the
 * anchors valid at {@code rev}, each stored only over an older one. At most
 * {@link CommentLimits#MAX_THREADS} anchors, each thread once (two would leave the stored one to chance).
 */
public record AnchorsSaveRequest(String docId, long rev, List<ThreadAnchor> anchors) {
  public AnchorsSaveRequest {
    anchors = List.copyOf(anchors);
  }

  public JsonObject toJson() {
    JsonArray a = new JsonArray(new ArrayList<>(anchors.size()));
    anchors.forEach(x -> a.add(x.toJson()));
    return new JsonObject().put("docId", docId).put("rev", rev).put("anchors", a);
  }

  public static AnchorsSaveRequest fromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "anchors");
    if (a.size() > CommentLimits.MAX_THREADS) {
      throw Fields.bad("anchors has more than " + CommentLimits.MAX_THREADS + " elements");
    }
    List<ThreadAnchor> list = new ArrayList<>(a.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      ThreadAnchor anchor = ThreadAnchor.fromJson(Fields.element(a, i, "anchors"));
      if (!ids.add(anchor.id())) {
        throw Fields.bad("anchors[" + i + "].id repeats " + anchor.id());
      }
      list.add(anchor);
    }
    return new AnchorsSaveRequest(Fields.docId(json, "docId"), Fields.integer(json, "rev", 0, Long.MAX_VALUE), list);
  }
}
