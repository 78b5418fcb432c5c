package io.verso.edit;

import io.verso.delta.Authorship;
import io.verso.protocol.ErrorCode;
import io.verso.runtime.AuthorshipRuns;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer to {@code authorship}: {@code {"rev","runs":[{"length","userId"|null}]}}, who wrote each
 * character of the committed document at {@code rev} — what {@code open} serves at that revision,
 * never ops still waiting for their commit. The runs cover it exactly; userId null = unknown (text
 * older than the first snapshot that kept authorship).
 */
public record AuthorshipReply(long rev, List<Authorship.Run> runs) {
  static AuthorshipReply of(long rev, Authorship authorship) {
    if (authorship == null) {
      throw ErrorCode.UNAVAILABLE.exception("authorship is not kept on this node");
    }
    return new AuthorshipReply(rev, authorship.runs());
  }

  public JsonObject toJson() {
    return new JsonObject().put("rev", rev).put("runs", AuthorshipRuns.toJson(runs));
  }
}
