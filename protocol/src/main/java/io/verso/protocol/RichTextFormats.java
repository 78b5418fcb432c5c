package io.verso.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The rich-text formats and embeds a document may hold: exactly what the browser app renders. The
 * list is {@value #RESOURCE}, shared with the browser app's build (its Quill {@code formats} option),
 * so the server can never accept content the app cannot show.
 *
 * @param formats         attribute names (inline and line formats)
 * @param embeds          embed keys ({@code {"insert":{"image":"…"}}})
 * @param embedAttributes attributes an embed may carry that are not formats (an image's alt, width, height)
 */
public record RichTextFormats(Set<String> formats, Set<String> embeds, Set<String> embedAttributes) {
  public static final String RESOURCE = "/io/verso/protocol/formats.json";

  /** The shared list, read once. */
  public static final RichTextFormats SHARED = load();

  public RichTextFormats {
    formats = Set.copyOf(formats);
    embeds = Set.copyOf(embeds);
    embedAttributes = Set.copyOf(embedAttributes);
  }

  /** Every attribute name an op may carry: formats and embed attributes. */
  public Set<String> attributes() {
    Set<String> all = new LinkedHashSet<>(formats);
    all.addAll(embedAttributes);
    return all;
  }

  private static RichTextFormats load() {
    try (InputStream in = RichTextFormats.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new RichTextFormats(names(json, "formats"), names(json, "embeds"), names(json, "embedAttributes"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> names(JsonObject json, String key) {
    JsonArray a = json.getJsonArray(key);
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < a.size(); i++) {
      names.add(a.getString(i));
    }
    return names;
  }
}
