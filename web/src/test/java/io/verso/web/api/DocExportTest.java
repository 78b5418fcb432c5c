package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.VersoException;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

/** Exact renderings of one document with every supported format, and the hostile parts dropped. */
class DocExportTest {
  static final JsonArray DOC = new JsonArray("""
      [{"insert":"Title"},{"insert":"\\n","attributes":{"header":1}},
       {"insert":"Hello "},{"insert":"bold","attributes":{"bold":true}},{"insert":" and "},
       {"insert":"link","attributes":{"link":"https://example.com/a(b)"}},{"insert":"\\n"},
       {"insert":"one"},{"insert":"\\n","attributes":{"list":"bullet"}},
       {"insert":"two"},{"insert":"\\n","attributes":{"list":"bullet"}},
       {"insert":"first"},{"insert":"\\n","attributes":{"list":"ordered"}},
       {"insert":"x = 1 < 2"},{"insert":"\\n","attributes":{"code-block":"plain"}},
       {"insert":"<script>alert(1)</script> "},{"insert":"bad","attributes":{"link":"javascript:alert(1)"}},
       {"insert":{"image":"javascript:x"}},{"insert":{"image":"https://img.example/p.png"}},
       {"insert":"odd","attributes":{"color":"red\\" onmouseover=\\"x","italic":true}},{"insert":"\\n"}]
      """);

  private static String render(DocExport.Format format) {
    Delta doc = DeltaJson.fromJson(DOC);
    return DocExport.render(doc, "T <1>", format);
  }

  @Test
  void html() {
    assertThat(render(DocExport.Format.HTML)).isEqualTo("""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>T &lt;1&gt;</title></head><body>
        <h1>Title</h1>
        <p>Hello <strong>bold</strong> and <a href="https://example.com/a(b)" rel="noopener noreferrer nofollow">link</a></p>
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        <ol>
        <li>first</li>
        </ol>
        <pre><code>x = 1 &lt; 2
        </code></pre>
        <p>&lt;script&gt;alert(1)&lt;/script&gt; bad<img src="https://img.example/p.png" alt=""><em>odd</em></p>
        </body></html>
        """);
  }

  @Test
  void markdown() {
    assertThat(render(DocExport.Format.MD)).isEqualTo("""
        # Title

        Hello **bold** and [link](<https://example.com/a(b)>)

        - one
        - two

        1. first

        ```
        x = 1 < 2
        ```

        \\<script\\>alert(1)\\</script\\> bad![](https://img.example/p.png)*odd*
        """);
  }

  @Test
  void text() {
    assertThat(render(DocExport.Format.TXT)).isEqualTo("""
        Title
        Hello bold and link
        one
        two
        first
        x = 1 < 2
        <script>alert(1)</script> badodd
        """);
  }

  /**
   * Quill's table model: a cell is a line whose table format is its row's id. Two rows (the second
   * one cell short), a cell with a pipe, a link and code holding pipes, a tab, markup; text around it.
   */
  static final JsonArray TABLE = new JsonArray("""
      [{"insert":"Before\\n"},
       {"insert":"Fruit"},{"insert":"\\n","attributes":{"table":"row-a1"}},
       {"insert":"Qty | <b>"},{"insert":"\\n","attributes":{"table":"row-a1"}},
       {"insert":"a|b","attributes":{"code":true}},{"insert":"\\n","attributes":{"table":"row-a1"}},
       {"insert":"Pear","attributes":{"bold":true}},{"insert":"\\n","attributes":{"table":"row-b2"}},
       {"insert":"x","attributes":{"link":"https://example.com/?a|b"}},{"insert":"\\t1"},
       {"insert":"\\n","attributes":{"table":"row-b2"}},
       {"insert":"After\\n"}]
      """);

  private static String table(DocExport.Format format) {
    return DocExport.render(DeltaJson.fromJson(TABLE), "t", format);
  }

  @Test
  void tables() {
    assertThat(table(DocExport.Format.HTML)).contains("""
        <p>Before</p>
        <table>
        <tbody>
        <tr><td>Fruit</td><td>Qty | &lt;b&gt;</td><td><code>a|b</code></td></tr>
        <tr><td><strong>Pear</strong></td><td><a href="https://example.com/?a|b" rel="noopener noreferrer nofollow">x</a>\t1</td></tr>
        </tbody>
        </table>
        <p>After</p>
        """);
    assertThat(table(DocExport.Format.MD)).isEqualTo("""
        Before

        |Fruit|Qty \\| \\<b\\>|`a\\|b`|
        |---|---|---|
        |**Pear**|[x](https://example.com/?a\\|b)\t1||

        After
        """);
    assertThat(table(DocExport.Format.TXT)).isEqualTo("Before\nFruit\tQty | <b>\ta|b\nPear\tx 1\nAfter\n");
  }

  @Test
  void emptyDocumentAndFileNames() {
    assertThat(DocExport.render(Delta.EMPTY, "", DocExport.Format.TXT)).isEmpty();
    assertThat(DocExport.render(DeltaJson.fromJson(new JsonArray("[{\"insert\":\"\\n\"}]")), "t", DocExport.Format.HTML))
        .contains("<p><br></p>");
    assertThat(DocExport.fileName("Plan: Q3/Q4 \"final\"", DocExport.Format.MD)).isEqualTo("Plan_ Q3_Q4 _final_.md");
    assertThat(DocExport.fileName("日本語", DocExport.Format.HTML)).isEqualTo("___.html");
    assertThat(DocExport.fileName("   ", DocExport.Format.TXT)).isEqualTo("document.txt");
    assertThatThrownBy(() -> DocExport.Format.of("pdf")).isInstanceOf(VersoException.class);
    assertThatThrownBy(() -> DocExport.Format.of(null)).isInstanceOf(VersoException.class);
  }
}
