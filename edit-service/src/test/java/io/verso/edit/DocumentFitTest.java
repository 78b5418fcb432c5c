package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DocumentFitTest {
  private final DocumentFit fit = new DocumentFit(EditConfig.from(new JsonObject().put("edit", new JsonObject()
      .put("maxDocChars", 20).put("maxOpBytes", 200).put("maxDocBytes", 300))));

  @Test
  void appliesToTheDocumentAndKeepsTheFinalNewline() {
    Document doc = doc("abc\n");
    fit.checkApplies(op("[{\"retain\":3},{\"insert\":\"x\"}]"), doc);
    fit.checkApplies(op("[{\"retain\":2},{\"delete\":1}]"), doc);
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":5}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":3},{\"delete\":2}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":3},{\"delete\":1}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":4},{\"insert\":\"x\"}]"), doc));
    expect(ErrorCode.TOO_LARGE, () -> fit.checkApplies(op("[{\"insert\":\"0123456789\"}]"), doc("0123456789abcd\n")));
  }

  /** No edge of an op may fall between the halves of a surrogate pair: storage would keep a lone half. */
  @Test
  void anEdgeInsideASurrogatePairIsInvalid() {
    Document doc = doc("a\uD83D\uDE00b\n"); // a😀b
    fit.checkApplies(op("[{\"retain\":1},{\"delete\":2}]"), doc);
    fit.checkApplies(op("[{\"retain\":3},{\"insert\":\"x\"}]"), doc);
    fit.checkApplies(op("[{\"retain\":1},{\"retain\":2,\"attributes\":{\"bold\":true}}]"), doc);
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":2},{\"insert\":\"x\"}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":1},{\"delete\":1}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":2},{\"delete\":1}]"), doc));
    expect(ErrorCode.INVALID_OP, () -> fit.checkApplies(op("[{\"retain\":2,\"attributes\":{\"bold\":true}}]"), doc));
  }

  /** Bytes, not characters: an embed or a format is not free. */
  @Test
  void opsAndDocumentsAreLimitedInBytes() {
    fit.checkOp(op("[{\"insert\":\"" + "x".repeat(150) + "\"}]"));
    expect(ErrorCode.TOO_LARGE, () -> fit.checkOp(op("[{\"insert\":{\"image\":\"https://x/" + "y".repeat(200) + "\"}}]")));
    expect(ErrorCode.TOO_LARGE, () -> fit.checkOp(op("[{\"insert\":\"" + "é".repeat(100) + "\"}]")));

    Document doc = doc("abcdefghij\n"); // 16 + 11 bytes
    fit.checkApplies(op("[{\"insert\":{\"image\":\"https://x/" + "y".repeat(200) + "\"}}]"), doc);
    // one character, but 16 + 6 + 5 + 250 bytes more than the document can take
    expect(ErrorCode.TOO_LARGE, () -> fit.checkApplies(
        op("[{\"insert\":{\"image\":\"https://x/" + "y".repeat(250) + "\"}}]"), doc));
    // zero characters: a link over alternate letters makes five runs of 16 + 6 + 4 + 29 bytes
    JsonArray everyOther = new JsonArray();
    for (int i = 0; i < 5; i++) {
      everyOther.add(new JsonObject().put("retain", 1).put("attributes", new JsonObject().put("link", "https://example.com/long/link")));
      everyOther.add(new JsonObject().put("retain", 1));
    }
    expect(ErrorCode.TOO_LARGE, () -> fit.checkApplies(DeltaJson.fromJson(everyOther), doc));
  }

  private static Document doc(String text) {
    return new Document(Delta.builder().insert(text).build());
  }

  private static Delta op(String json) {
    return DeltaJson.fromJson(new JsonArray(json));
  }

  private static void expect(ErrorCode code, Runnable r) {
    assertEquals(code, assertThrows(VersoException.class, r::run).code());
  }
}
