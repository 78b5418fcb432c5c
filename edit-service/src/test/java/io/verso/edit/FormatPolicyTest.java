package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.RichTextFormats;
import io.verso.protocol.VersoException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edit-service accepts exactly the formats and embeds of the shared list (the one the browser
 * app gives Quill), each with its value checks, and inline images up to their byte limit.
 */
class FormatPolicyTest {
  /** A value of each format that the browser app renders as it is, and one it does not. */
  private static final Map<String, Object[]> SAMPLES = Map.ofEntries(
      Map.entry("bold", new Object[] {true, "yes"}),
      Map.entry("italic", new Object[] {true, 1}),
      Map.entry("underline", new Object[] {true, "true"}),
      Map.entry("strike", new Object[] {true, 0}),
      Map.entry("code", new Object[] {true, "x"}),
      Map.entry("link", new Object[] {"https://example.com/", "javascript:alert(1)"}),
      Map.entry("script", new Object[] {"super", "middle"}),
      Map.entry("color", new Object[] {"#ff0000", "red;background:url(x)"}),
      Map.entry("background", new Object[] {"#00ff00", "url(javascript:x)"}),
      Map.entry("font", new Object[] {"monospace", "Comic Sans"}),
      Map.entry("size", new Object[] {"large", "12px"}),
      Map.entry("header", new Object[] {2, 7}),
      Map.entry("blockquote", new Object[] {true, "q"}),
      Map.entry("code-block", new Object[] {true, "<script>"}),
      Map.entry("list", new Object[] {"bullet", "roman"}),
      Map.entry("indent", new Object[] {3, 9}),
      Map.entry("align", new Object[] {"center", "left"}),
      Map.entry("direction", new Object[] {"rtl", "ltr"}),
      Map.entry("alt", new Object[] {"a cat", "x".repeat(501)}),
      Map.entry("width", new Object[] {"120", "120em"}),
      Map.entry("height", new Object[] {"80px", "-1"}));

  private static final String PNG = "data:image/png;base64,";

  private final OpPolicy policy = new OpPolicy(EditConfig.from(new JsonObject()), "doc-1");

  /** The list as the resource file has it, read here on its own (not through the code under test). */
  private static JsonObject listFile() throws IOException {
    try (InputStream in = FormatPolicyTest.class.getResourceAsStream("/io/verso/protocol/formats.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theSharedListIsTheOneInUse() throws IOException {
    JsonObject file = listFile();
    Set<String> attributes = new HashSet<>();
    file.getJsonArray("formats").forEach(n -> attributes.add((String) n));
    file.getJsonArray("embedAttributes").forEach(n -> attributes.add((String) n));
    assertEquals(attributes, RichTextFormats.SHARED.attributes());
    assertEquals(attributes, SAMPLES.keySet(), "a sample for every listed format");
    for (String name : attributes) {
      Object[] sample = SAMPLES.get(name);
      policy.checkContent(insert("a", new JsonObject().put(name, sample[0])));
      policy.checkContent(retain(new JsonObject().putNull(name))); // removing a format
      expect(ErrorCode.INVALID_OP, insert("a", new JsonObject().put(name, sample[1])), name + "=" + sample[1]);
    }
    assertEquals(new JsonArray().add("image"), file.getJsonArray("embeds"));
    assertEquals(Set.of("image"), RichTextFormats.SHARED.embeds());
    policy.checkContent(embed("image", "https://example.com/cat.png"));
  }

  @Test
  void whatTheAppCannotRenderIsRefused() {
    // formula needs KaTeX (Quill throws without it) and video is an iframe: one of them bricked a document
    expect(ErrorCode.INVALID_OP, embed("formula", "e=mc^2"), "formula");
    expect(ErrorCode.INVALID_OP, embed("video", "https://www.youtube.com/embed/x"), "video");
    expect(ErrorCode.INVALID_OP, embed("iframe", "https://x"), "iframe");
    expect(ErrorCode.INVALID_OP, insert("a", new JsonObject().put("onerror", "x")), "unknown format");
    expect(ErrorCode.INVALID_OP, insert("a", new JsonObject().put("formula", true)), "formula as a format");
  }

  @Test
  void inlineImagesUpToTheirLimit() {
    String atLimit = PNG + "A".repeat(256 * 1024 - PNG.length());
    policy.checkContent(embed("image", atLimit));
    VersoException e = expect(ErrorCode.TOO_LARGE, embed("image", atLimit + "A"), "over 256 KiB");
    assertTrue(e.getMessage().contains("inline image") && e.getMessage().contains("262144"), e.getMessage());
    expect(ErrorCode.INVALID_OP, embed("image", "data:text/html;base64,PHNjcmlwdD4="), "not an image");
    expect(ErrorCode.INVALID_OP, embed("image", "data:image/svg+xml;base64,PHN2Zz4="), "svg can hold script");

    OpPolicy small = new OpPolicy(EditConfig.from(new JsonObject().put("edit",
        new JsonObject().put("maxInlineImageBytes", 1000))), "doc-1");
    small.checkContent(embed("image", PNG + "A".repeat(1000 - PNG.length())));
    expect(small, ErrorCode.TOO_LARGE, embed("image", PNG + "A".repeat(1001 - PNG.length())), "configured limit");
  }

  private static Delta insert(String text, JsonObject attributes) {
    return DeltaJson.fromJson(new JsonArray().add(new JsonObject().put("insert", text).put("attributes", attributes)));
  }

  private static Delta retain(JsonObject attributes) {
    return DeltaJson.fromJson(new JsonArray().add(new JsonObject().put("retain", 1).put("attributes", attributes)));
  }

  private static Delta embed(String key, String value) {
    return DeltaJson.fromJson(new JsonArray().add(new JsonObject().put("insert", new JsonObject().put(key, value))));
  }

  private VersoException expect(ErrorCode code, Delta op, String what) {
    return expect(policy, code, op, what);
  }

  private static VersoException expect(OpPolicy p, ErrorCode code, Delta op, String what) {
    VersoException e = assertThrows(VersoException.class, () -> p.checkContent(op), what);
    assertEquals(code, e.code(), what);
    return e;
  }
}
