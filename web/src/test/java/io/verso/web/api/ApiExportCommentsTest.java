package io.verso.web.api;

import static io.verso.auth.testing.AuthTestConfig.await;
import static io.verso.web.api.ApiAuthTest.assertError;
import static io.verso.web.api.ApiAuthTest.register;
import static io.verso.web.api.CommentCalls.create;
import static io.verso.web.api.CommentCalls.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.verso.edit.EditVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Comments in {@code GET /api/docs/{id}/export} over real HTTP on the real stack (storage, auth,
 * edit, web), threads made through the comment routes: HTML marks the open ones and lists them,
 * escaped, a detached one with its note; a resolved one is absent; Markdown and text hold none.
 */
class ApiExportCommentsTest {
  private static final String HOSTILE_NAME = "Eve \"<b>'&amp;";
  private static final String HOSTILE_TEXT = "<script>alert(1)</script> \"q\" 'a' & b";
  private static final String MARK = "<mark class=\"comment\" data-comments=\"";

  private static ApiStack stack;
  private static CookieClient owner;
  private static CookieClient commenter;
  private static CookieClient viewer;
  private static CookieClient stranger;
  private static String ownerId;

  @BeforeAll
  static void deploy() {
    stack = new ApiStack(60_000);
    await(stack.vertx.deployVerticle(new EditVerticle()));
    int port = stack.web(true).port();
    owner = new CookieClient(port);
    commenter = new CookieClient(port);
    viewer = new CookieClient(port);
    stranger = new CookieClient(port);
    ownerId = new JsonObject(register(owner, "exc.owner").body()).getJsonObject("user").getString("id");
    assertThat(commenter.post("/api/auth/register", new JsonObject().put("username", "exc.commenter")
        .put("password", "password-exc.commenter").put("displayName", HOSTILE_NAME).encode()).statusCode()).isEqualTo(201);
    register(viewer, "exc.viewer");
    register(stranger, "exc.stranger");
  }

  @AfterAll
  static void close() {
    stack.close();
  }

  private static String ref(int n) {
    return "<sup class=\"comment-ref\"><a href=\"#comment-" + n + "\">" + n + "</a></sup>";
  }

  @Test
  void htmlShowsOpenThreadsAndMarkdownAndTextShowNone() {
    String id = new JsonObject(owner.post("/api/docs", "{\"title\":\"Notes\"}").body()).getString("id");
    owner.put("/api/docs/" + id + "/members/exc.commenter", "{\"role\":\"commenter\"}");
    owner.put("/api/docs/" + id + "/members/exc.viewer", "{\"role\":\"viewer\"}");
    String base = "/api/docs/" + id;
    // "Hello world\nSecond line\n" at rev 1
    submit(stack.vertx, ownerId, id, 1, 0, new JsonArray().add(new JsonObject().put("insert", "Hello world\nSecond line")));
    create(commenter, base, 1, 0, 5, HOSTILE_TEXT);                    // "Hello"
    create(owner, base, 1, 6, 12, "across two paragraphs");             // "world\nSecond"
    String done = create(owner, base, 1, 12, 6, "resolved one");        // "Second"
    create(owner, base, 1, 18, 5, "about the last words");              // " line", deleted below
    assertThat(owner.patch(base + "/comments/" + done, "{\"resolved\":true}").statusCode()).isEqualTo(200);
    submit(stack.vertx, ownerId, id, 2, 1, new JsonArray().add(new JsonObject().put("retain", 18)).add(new JsonObject().put("delete", 5)));

    for (CookieClient reader : List.of(viewer, commenter, owner)) {
      HttpResponse<String> html = reader.get(base + "/export?format=html");
      assertThat(html.statusCode()).as(html.body()).isEqualTo(200);
      assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'", "sandbox");
      assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(html.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"Notes.html\"");
      String body = html.body();
      assertThat(body).contains(
          "<p>" + MARK + "1\">Hell</mark>" + MARK + "1\">o</mark>" + ref(1) + " " + MARK + "2\">world</mark></p>\n"
              + "<p>" + MARK + "2\">Secon</mark>" + MARK + "2\">d</mark>" + ref(2) + "</p>\n",
          "<li id=\"comment-1\" value=\"1\">", "<li id=\"comment-2\" value=\"2\">", "<li id=\"comment-3\" value=\"3\">",
          "<strong>Eve &quot;&lt;b&gt;&#39;&amp;amp;</strong>",
          "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; b",
          "across two paragraphs",
          "<p class=\"comment-detached\">The commented text was deleted.</p>\n<p class=\"comment\"><strong>User exc.owner</strong>")
          .contains("about the last words")
          .doesNotContain("<script", "<b>", "resolved one", "comment-4", "comments-note");
    }

    for (String format : List.of("md", "txt")) {
      String body = owner.get(base + "/export?format=" + format).body();
      assertThat(body).contains("Hello world", "Second").doesNotContain("Eve", "alert", "across", "resolved one",
          "about the last", "Comments", "mark", "comment");
    }
    assertError(stranger.get(base + "/export?format=html"), 404, "NOT_FOUND");
  }
}
