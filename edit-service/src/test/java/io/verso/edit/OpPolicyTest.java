package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpPolicyTest {
  private final OpPolicy policy = new OpPolicy(EditConfig.from(new JsonObject().put("edit", new JsonObject()
      .put("maxOpInsertChars", 10).put("maxOpComponents", 5).put("maxDocChars", 20))), "doc-1");
  private static final String OWN = "/api/docs/doc-1/images/AAAAAAAAAAAAAAAAAAAAAA";

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "JavaScript:x", " java\tscript:x", "jav\u0000ascript:x",
      "data:text/html,<script>", "vbscript:x", "file:///etc/passwd", ""})
  void scriptCapableOrMalformedUrlsAreUnsafe(String url) {
    assertFalse(FormatPolicy.isSafeUrl(url, Set.of("http", "https", "mailto")), url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://example.com/a?b=c:d", "http://x", "mailto:a@b.c", "/relative/path",
      "page#frag:x", "?q=a:b"})
  void ordinaryUrlsAreSafe(String url) {
    assertTrue(FormatPolicy.isSafeUrl(url, Set.of("http", "https", "mailto")), url);
  }

  @Test
  void contentChecks() {
    policy.checkContent(op("[{\"insert\":\"a\",\"attributes\":{\"bold\":true,\"header\":2,\"link\":\"https://x\"}}]"));
    policy.checkContent(op("[{\"retain\":2,\"attributes\":{\"bold\":null,\"color\":\"#ff0000\"}}]"));
    policy.checkContent(op("[{\"insert\":{\"image\":\"https://x/y.png\"}}]"));
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(op("[{\"insert\":\"a\",\"attributes\":{\"header\":7}}]")));
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(op("[{\"insert\":\"a\",\"attributes\":{\"bold\":\"yes\"}}]")));
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(op("[{\"insert\":\"a\",\"attributes\":{\"color\":\"red;x:url(y)\"}}]")));
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(op("[{\"insert\":{\"iframe\":\"https://x\"}}]")));
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(op("[{\"insert\":{\"video\":\"javascript:x\"}}]")));
    expect(ErrorCode.TOO_LARGE, () -> policy.checkContent(op("[{\"insert\":\"01234567890\"}]")));
    expect(ErrorCode.TOO_LARGE, () -> policy.checkContent(op(
        "[{\"retain\":1},{\"insert\":\"a\"},{\"retain\":1},{\"delete\":1},{\"retain\":1,\"attributes\":{\"bold\":true}},{\"insert\":\"b\"}]")));
  }

  @ParameterizedTest
  @ValueSource(strings = {OWN, "https://verso.example" + OWN, "http://localhost:8080" + OWN,
      "https://example.com/picture.png", "/logo.png", "https://cdn.example/api/v1/img.png"})
  void anImageShowsItsOwnDocumentsUploadsAndTheWebAsBefore(String src) {
    policy.checkContent(image(src));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/docs/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA", "https://verso.example/api/docs/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA",
      "//verso.example/api/docs/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA", "api/docs/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA",
      "/api/docs/doc-1/images/../../doc-2/images/AAAAAAAAAAAAAAAAAAAAAA", "/api/docs/doc-1/../doc-2/images/AAAAAAAAAAAAAAAAAAAAAA",
      "/api/docs/%64oc-2/images/AAAAAAAAAAAAAAAAAAAAAA", "\\api\\docs\\doc-2\\images\\AAAAAAAAAAAAAAAAAAAAAA",
      "/API/DOCS/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA", "/api/docs/doc-1/export?format=html", "/api/docs/doc-1/images/x",
      "/api/docs/doc-1/images/AAAAAAAAAAAAAAAAAAAAAA/more", "/./api/docs/doc-2/images/AAAAAAAAAAAAAAAAAAAAAA"})
  void anImageOfAnotherDocumentOrAnyOtherApiPathIsRefused(String src) {
    expect(ErrorCode.INVALID_OP, () -> policy.checkContent(image(src)));
  }

  private static Delta image(String src) {
    return DeltaJson.fromJson(new JsonArray().add(new JsonObject().put("insert", new JsonObject().put("image", src))));
  }

  private static Delta op(String json) {
    return DeltaJson.fromJson(new JsonArray(json));
  }

  private static void expect(ErrorCode code, Runnable r) {
    assertEquals(code, assertThrows(VersoException.class, r::run).code());
  }
}
