package io.verso.protocol.comments;

import io.verso.protocol.Fields;
import io.verso.protocol.storage.OpRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A comment thread: its anchor ({@code index}, {@code length}, {@code detached}) valid at document
 * revision {@code rev}, whether it is resolved (by whom, when), and its comments oldest first — never
 * empty: the first is the thread's opening comment, deleting it deletes the thread. On the wire
 * {@code {"id","rev","index","length","detached","resolved","resolvedBy"?,"resolvedTs"?,"comments":[…]}}.
 */
public record CommentThread(String id, long rev, int index, int length, boolean detached, boolean resolved,
    String resolvedBy, Long resolvedTs, List<Comment> comments) {
  public CommentThread {
    comments = List.copyOf(comments);
  }

  /** The user who opened the thread (wrote its first comment). */
  public String openedBy() {
    return comments.get(0).userId();
  }

  public Comment comment(String commentId) {
    for (Comment c : comments) {
      if (c.id().equals(commentId)) {
        return c;
      }
    }
    return null;
  }

  public CommentThread withAnchor(long atRev, int newIndex, int newLength, boolean isDetached) {
    return new CommentThread(id, atRev, newIndex, newLength, isDetached, resolved, resolvedBy, resolvedTs, comments);
  }

  public CommentThread withResolved(boolean isResolved, String by, Long at) {
    return new CommentThread(id, rev, index, length, detached, isResolved, isResolved ? by : null,
        isResolved ? at : null, comments);
  }

  public CommentThread withComments(List<Comment> list) {
    return new CommentThread(id, rev, index, length, detached, resolved, resolvedBy, resolvedTs, list);
  }

  public JsonObject toJson() {
    JsonArray list = new JsonArray(new ArrayList<>(comments.size()));
    comments.forEach(c -> list.add(c.toJson()));
    JsonObject json = new JsonObject().put("id", id).put("rev", rev).put("index", index).put("length", length)
        .put("detached", detached).put("resolved", resolved);
    if (resolved) {
      json.put("resolvedBy", resolvedBy).put("resolvedTs", resolvedTs);
    }
    return json.put("comments", list);
  }

  public static CommentThread fromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "comments");
    if (a.isEmpty()) {
      throw Fields.bad("a thread has at least one comment");
    }
    List<Comment> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(Comment.fromJson(Fields.element(a, i, "comments")));
    }
    boolean resolved = Boolean.TRUE.equals(json.getValue("resolved"));
    return new CommentThread(
        CommentLimits.id(json, "id"),
        Fields.integer(json, "rev", 0, Long.MAX_VALUE),
        (int) Fields.integer(json, "index", 0, Integer.MAX_VALUE),
        (int) Fields.integer(json, "length", 0, Integer.MAX_VALUE),
        Boolean.TRUE.equals(json.getValue("detached")),
        resolved,
        resolved ? Fields.string(json, "resolvedBy", OpRecord.MAX_ID_LENGTH) : null,
        resolved ? Fields.integer(json, "resolvedTs", 0, Long.MAX_VALUE) : null,
        list);
  }

  public static JsonObject listToJson(List<CommentThread> threads) {
    JsonArray a = new JsonArray(new ArrayList<>(threads.size()));
    threads.forEach(t -> a.add(t.toJson()));
    return new JsonObject().put("threads", a);
  }

  public static List<CommentThread> listFromJson(JsonObject json) {
    JsonArray a = Fields.array(json, "threads");
    List<CommentThread> list = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      list.add(fromJson(Fields.element(a, i, "threads")));
    }
    return list;
  }
}
