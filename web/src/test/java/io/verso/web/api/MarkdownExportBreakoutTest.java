package io.verso.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.delta.Delta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Code in the Markdown export stays code whatever it holds: the export is read back with a real
 * CommonMark parser, every code block and code span must come back with exactly its text, and no
 * raw HTML may appear (an HTML-permissive renderer would pass it through).
 */
class MarkdownExportBreakoutTest {
  private static final Parser PARSER = Parser.builder().build();
  private static final Map<String, Object> CODE = Map.of("code", true);
  private static final Map<String, Object> CODE_BLOCK = Map.of("code-block", true);

  /** What the export must give back: the code blocks' texts and the code spans' texts, in order. */
  private record Expected(List<String> blocks, List<String> spans) {}

  @Test
  void aCodeLineWithAFenceDoesNotEndTheBlock() {
    Delta doc = Delta.builder()
        .insert("```").insert("\n", CODE_BLOCK)
        .insert("<img src=x onerror=alert(1)>").insert("\n", CODE_BLOCK)
        .insert("````").insert("\n", CODE_BLOCK)
        .insert("after\n").build();
    check(doc, new Expected(List.of("```\n<img src=x onerror=alert(1)>\n````\n"), List.of()));
  }

  @Test
  void aCodeSpanWithBacktickRunsStaysOneSpan() {
    Delta doc = Delta.builder()
        .insert("a ").insert("x`` <b>bold</b> ``y", CODE).insert(" b\n")
        .insert("`", CODE).insert(" and ").insert("`` ", CODE).insert(" and ").insert(" ` ", CODE).insert("\n")
        .build();
    check(doc, new Expected(List.of(), List.of("x`` <b>bold</b> ``y", "`", "`` ", " ` ")));
  }

  /** Random documents of code blocks, code spans and plain text built from backticks, spaces and HTML. */
  @Test
  void randomHostileCodeStaysCode() {
    long seed = Long.getLong("verso.md.seed", System.nanoTime());
    Random rnd = new Random(seed);
    for (int round = 0; round < 2000; round++) {
      Delta.Builder b = Delta.builder();
      List<String> blocks = new ArrayList<>();
      List<String> spans = new ArrayList<>();
      StringBuilder block = null;
      int lines = 1 + rnd.nextInt(6);
      for (int l = 0; l < lines; l++) {
        if (rnd.nextInt(3) == 0) {
          String text = hostile(rnd);
          if (!text.isEmpty()) {
            b.insert(text);
          }
          b.insert("\n", CODE_BLOCK);
          block = block == null ? new StringBuilder() : block;
          block.append(text).append('\n');
          continue;
        }
        if (block != null) {
          blocks.add(block.toString());
          block = null;
        }
        int parts = 1 + rnd.nextInt(3);
        boolean lastWasCode = false;
        for (int p = 0; p < parts; p++) {
          String text = hostile(rnd);
          if (text.isEmpty()) {
            continue;
          }
          if (!lastWasCode && rnd.nextBoolean()) {
            b.insert(text, CODE);
            spans.add(text);
            lastWasCode = true;
          } else {
            b.insert("x" + text); // plain text (not starting with blanks, which would make an indented code block)
            lastWasCode = false;
          }
        }
        b.insert("\n");
      }
      if (block != null) {
        blocks.add(block.toString());
      }
      Delta doc = b.build();
      try {
        check(doc, new Expected(blocks, spans));
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " (-Dverso.md.seed=" + seed + "), round " + round
            + ", document " + doc + "\nmarkdown:\n" + DocExport.render(doc, "t", DocExport.Format.MD), e);
      }
    }
  }

  private static String hostile(Random rnd) {
    String[] pieces = {"`", "``", "```", "````", " ", "  ", "<", ">", "<script>", "</pre>", "~~~", "\\", "*", "_",
        "a", "b", "&lt;", "[x](javascript:y)", "\t"};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(7);
    for (int i = 0; i < n; i++) {
      sb.append(pieces[rnd.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  private static void check(Delta doc, Expected expected) {
    String md = DocExport.render(doc, "t", DocExport.Format.MD);
    Node root = PARSER.parse(md);
    List<String> blocks = new ArrayList<>();
    List<String> spans = new ArrayList<>();
    List<String> html = new ArrayList<>();
    root.accept(new AbstractVisitor() {
      @Override
      public void visit(FencedCodeBlock n) {
        blocks.add(n.getLiteral());
      }

      @Override
      public void visit(IndentedCodeBlock n) {
        html.add("indented code block: " + n.getLiteral());
      }

      @Override
      public void visit(Code n) {
        spans.add(n.getLiteral());
      }

      @Override
      public void visit(HtmlInline n) {
        html.add(n.getLiteral());
      }

      @Override
      public void visit(HtmlBlock n) {
        html.add(n.getLiteral());
      }
    });
    assertThat(html).as("raw HTML in\n" + md).isEmpty();
    assertThat(blocks).as("code blocks of\n" + md).isEqualTo(expected.blocks());
    assertThat(spans).as("code spans of\n" + md).isEqualTo(expected.spans());
  }
}
