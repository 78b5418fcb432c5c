package io.verso.convert;

import java.util.List;

/**
 * The blocks every exporter writes: the lines of a document grouped as Word, HTML and Markdown
 * group them (a list is its consecutive list lines, a table its consecutive rows).
 */
sealed interface Block {
  /** A paragraph or heading. */
  record Paragraph(Line line) implements Block {}

  /** Consecutive list lines; nesting is each line's indent. */
  record ListBlock(List<Line> items) implements Block {}

  /** Consecutive code-block lines of one language ("plain" when none). */
  record Code(List<Line> lines, String language) implements Block {}

  /** Consecutive quote lines. */
  record Quote(List<Line> lines) implements Block {}

  /** Consecutive rows; a row is the consecutive cell lines of one row id. */
  record Table(List<List<Line>> rows) implements Block {}
}
