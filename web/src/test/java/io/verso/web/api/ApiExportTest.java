package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.protocol.Addresses;
import io.verso.protocol.storage.AppendRequest;
import io.verso.protocol.storage.OpRecord;
import io.verso.protocol.storage.SnapshotSaveRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/docs/{id}/export over real HTTP, from the committed op log (snapshot + tail) in storage. */
class ApiExportTest extends WithApiStack {

  private static void append(String docId, String userId, long rev, JsonArray ops) {
    await(stack.vertx.eventBus().request(Addresses.STORAGE_OPS_APPEND, new AppendRequest(docId,
        List.of(new OpRecord(rev, "export-test-client", rev, userId, System.currentTimeMillis(), ops))).toJson()));
  }

  @Test
  void exportsEveryCommittedEditInEachFormatToMembersOnly() {
    CookieClient owner = new CookieClient(port);
    CookieClient viewer = new CookieClient(port);
    CookieClient stranger = new CookieClient(port);
    String ownerId = new JsonObject(register(owner, "export.owner").body()).getJsonObject("user").getString("id");
    register(viewer, "export.viewer");
    register(stranger, "export.stranger");
    String id = new JsonObject(owner.post("/api/docs", "{\"title\":\"Road/map\"}").body()).getString("id");
    owner.put("/api/docs/" + id + "/members/export.viewer", "{\"role\":\"viewer\"}");
    String base = "/api/docs/" + id + "/export?format=";

    // a new document is what the sequencer starts from, one empty line (as it is once snapshotted)
    assertThat(owner.get(base + "txt").body()).isEqualTo("\n");
    append(id, ownerId, 1, DocExportTest.DOC);
    // a snapshot at rev 1 and a tail op after it: the export is snapshot + tail
    await(stack.vertx.eventBus().request(Addresses.STORAGE_SNAPSHOT_SAVE,
        new SnapshotSaveRequest(id, 1, DocExportTest.DOC).toJson()));
    append(id, ownerId, 2, new JsonArray("[{\"retain\":5},{\"insert\":\" 2\"}]"));

    HttpResponse<String> txt = viewer.get(base + "txt");
    assertThat(txt.statusCode()).isEqualTo(200);
    assertThat(txt.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(txt.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"Road_map.txt\"");
    assertThat(txt.body()).startsWith("Title 2\nHello bold and link\n").endsWith("<script>alert(1)</script> badodd\n");

    HttpResponse<String> html = owner.get(base + "html");
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'", "sandbox");
    assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(html.body()).contains("<title>Road/map</title>", "<h1>Title 2</h1>").doesNotContain("<script>", "javascript:");

    HttpResponse<String> md = owner.get(base + "md");
    assertThat(md.headers().firstValue("Content-Type")).hasValue("text/markdown; charset=utf-8");
    assertThat(md.body()).startsWith("# Title 2\n");

    assertError(owner.get(base + "odt"), 400, "BAD_REQUEST"); // pdf and docx are formats now (ImportExportApiTest)
    assertError(owner.get("/api/docs/" + id + "/export"), 400, "BAD_REQUEST");
    assertError(stranger.get(base + "txt"), 404, "NOT_FOUND");
    assertError(new CookieClient(port).get(base + "txt"), 401, "UNAUTHENTICATED");
    assertError(owner.get("/api/docs/noSuchDoc/export?format=txt"), 404, "NOT_FOUND");
  }
}
