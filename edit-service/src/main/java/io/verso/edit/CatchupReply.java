package io.verso.edit;

import io.verso.protocol.doc.OpEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer to a {@code catchup}: {@code {"events":[…],"more":true?}}: committed op events in order.
 * A page ends at 1,000 events or when its ops fill the byte budget; {@code more} says that the
 * document has revisions after the page's last one (ask again from there).
 */
public record CatchupReply(List<OpEvent> events, boolean more) {
  public JsonObject toJson() {
    JsonArray list = new JsonArray(new java.util.ArrayList<>(events.size()));
    events.forEach(e -> list.add(e.toJson()));
    JsonObject o = new JsonObject().put("events", list);
    return more ? o.put("more", true) : o;
  }
}
