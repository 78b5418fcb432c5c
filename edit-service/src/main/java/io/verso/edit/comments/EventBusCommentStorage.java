package io.verso.edit.comments;

import io.verso.protocol.Addresses;
import io.verso.protocol.Fields;
import io.verso.protocol.comments.Comment;
import io.verso.protocol.comments.CommentThread;
import io.verso.runtime.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/** {@link CommentStorage} as storage-service's {@code verso.storage.comments.*} addresses (bodies: {@link Addresses}). */
public final class EventBusCommentStorage implements CommentStorage {
  private final EventBus bus;
  private final DeliveryOptions options;

  public EventBusCommentStorage(EventBus bus, long timeoutMs) {
    this.bus = bus;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  @Override
  public Future<List<CommentThread>> load(String docId) {
    return ask(Addresses.STORAGE_COMMENTS_LOAD, doc(docId)).map(CommentThread::listFromJson);
  }

  @Override
  public Future<Void> createThread(String docId, CommentThread thread) {
    return write(Addresses.STORAGE_THREAD_CREATE, doc(docId).put("thread", thread.toJson()));
  }

  @Override
  public Future<Void> addComment(String docId, String threadId, Comment comment) {
    return write(Addresses.STORAGE_COMMENT_ADD, thread(docId, threadId).put("comment", comment.toJson()));
  }

  @Override
  public Future<Void> editComment(String docId, String threadId, String commentId, String text, long editedTs) {
    return write(Addresses.STORAGE_COMMENT_EDIT, thread(docId, threadId).put("commentId", commentId)
        .put("text", text).put("editedTs", editedTs));
  }

  @Override
  public Future<Void> deleteComment(String docId, String threadId, String commentId) {
    return write(Addresses.STORAGE_COMMENT_DELETE, thread(docId, threadId).put("commentId", commentId));
  }

  @Override
  public Future<Void> deleteThread(String docId, String threadId) {
    return write(Addresses.STORAGE_THREAD_DELETE, thread(docId, threadId));
  }

  @Override
  public Future<Void> resolve(String docId, String threadId, boolean resolved, String byUserId, long ts) {
    return write(Addresses.STORAGE_THREAD_RESOLVE, thread(docId, threadId).put("resolved", resolved)
        .put("by", byUserId).put("ts", ts));
  }

  @Override
  public Future<Void> saveAnchors(String docId, long rev, Collection<CommentThread> threads) {
    JsonArray anchors = new JsonArray();
    threads.forEach(t -> anchors.add(new JsonObject().put("id", t.id()).put("index", t.index())
        .put("length", t.length()).put("detached", t.detached())));
    return write(Addresses.STORAGE_ANCHORS_SAVE, doc(docId).put("rev", rev).put("anchors", anchors));
  }

  private static JsonObject doc(String docId) {
    return new JsonObject().put("docId", docId);
  }

  private static JsonObject thread(String docId, String threadId) {
    return doc(docId).put("threadId", threadId);
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return Bus.request(bus, address, body, options).map(Fields::body);
  }

  private Future<Void> write(String address, JsonObject body) {
    return ask(address, body).mapEmpty();
  }
}
