package io.verso.edit;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.Failures;
import io.verso.protocol.doc.DocAction;
import io.verso.protocol.comments.CommentAction;
import io.verso.edit.comments.Actor;
import io.verso.edit.comments.CommentRoom;
import io.verso.protocol.doc.RestoreIds;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.protocol.Fields;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * A request on {@code doc.<docId>}, from the wire to the document's sequencer and back: identity
 * and role from the headers the bridge stamped, the action's fields into records, the sequencer's
 * answer records into JSON. Every request ends in a reply or a failure.
 */
final class DocEndpoint {
  private final EditMetrics metrics;

  DocEndpoint(EditMetrics metrics) {
    this.metrics = metrics;
  }

  void handle(Sequencer sequencer, CommentRoom comments, Message<Object> msg) {
    Failures.respond(msg, () -> answer(sequencer, comments, msg));
  }

  /**
   * A restore's client id ({@link RestoreIds}) makes history show the op as a restore of a revision:
   * only the history service may submit under it. FORBIDDEN, not BAD_REQUEST: the id is well formed,
   * the sender lacks the right to it. The origin header is set by internal services only — the
   * bridges build every request's headers afresh, never from a frame — so no socket can claim it.
   */
  static void requireRestoreOrigin(String clientId, Message<Object> msg) {
    if (RestoreIds.isReserved(clientId) && !Addresses.ORIGIN_HISTORY.equals(msg.headers().get(Addresses.HEADER_ORIGIN))) {
      throw ErrorCode.FORBIDDEN.exception("client ids starting with '" + RestoreIds.PREFIX + "' are the history service's");
    }
  }

  private Future<JsonObject> answer(Sequencer sequencer, CommentRoom comments, Message<Object> msg) {
    JsonObject body = Fields.body(msg.body());
    String userId = msg.headers().get(Addresses.HEADER_USER_ID);
    if (userId == null || userId.isEmpty()) {
      throw ErrorCode.UNAUTHENTICATED.exception("no verified user");
    }
    String roleHeader = msg.headers().get(Addresses.HEADER_ROLE);
    Role role = roleHeader == null ? null : Role.of(roleHeader);
    String action = body.getValue("action") instanceof String a ? a : "";
    if (CommentAction.isCommentAction(action)) {
      return comments.request(action, body, new Actor(userId, msg.headers().get(Addresses.HEADER_USER_NAME), role));
    }
    return switch (action) {
      case DocAction.OPEN -> sequencer.open(Role.require(role, Role.VIEWER)).map(OpenReply::toJson);
      case DocAction.CATCHUP -> {
        Role.require(role, Role.VIEWER);
        yield sequencer.catchup(Fields.integer(body, "fromRev", 0, Long.MAX_VALUE / 2)).map(CatchupReply::toJson);
      }
      case DocAction.SUBMIT -> metrics.submit(Future.succeededFuture(body).compose(json -> {
        Role.require(role, Role.EDITOR);
        SubmitRequest submit = SubmitRequest.fromJson(json);
        requireRestoreOrigin(submit.clientId(), msg);
        return sequencer.submit(submit, userId);
      })).map(SubmitReply::toJson);
      case DocAction.AUTHORSHIP -> {
        Role.require(role, Role.EDITOR);
        yield sequencer.authorship().map(AuthorshipReply::toJson);
      }
      case DocAction.TOUCH -> {
        sequencer.touch();
        yield Future.succeededFuture(new JsonObject());
      }
      default -> throw ErrorCode.BAD_REQUEST.exception("unknown action '" + action + "'");
    };
  }
}
