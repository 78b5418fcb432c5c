package io.verso.web.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 26: every format the server takes is reachable from the toolbar — checklist, indent, alignment,
 * text and highlight colour — and the toolbar's undo and redo work; each change reaches the other page.
 */
class ToolbarE2ETest extends WithAliceAndBob {
  @Override
  String title() {
    return "Toolbar";
  }

  @Test
  void checklistIndentAlignmentColoursUndoAndRedoFromTheToolbar() {
    setRole("bob", "viewer");
    openDoc(alice);
    openDoc(bob);
    alice.js("const q = window.__verso.quill; q.focus(); q.insertText(0, 'Call the printer', 'user'); q.setSelection(0, 4, 'user')");
    click(".ql-toolbar button.ql-list[value=check]");
    click(".ql-toolbar button.ql-indent[value='+1']");
    click(".ql-toolbar .ql-align .ql-picker-label");
    click(".ql-toolbar .ql-align .ql-picker-item[data-value=center]");
    click(".ql-toolbar .ql-color .ql-picker-label");
    click(".ql-toolbar .ql-color .ql-picker-item[data-value='#e60000']");
    alice.js("window.__verso.quill.history.cutoff()"); // the highlight its own undo step (changes within 0.5 s are one)
    click(".ql-toolbar .ql-background .ql-picker-label");
    click(".ql-toolbar .ql-background .ql-picker-item[data-value='#ffff00']");
    Map<String, Object> line = Map.of("list", "unchecked", "indent", 1L, "align", "center");
    awaitFormats(alice, line, "#e60000", "#ffff00");
    awaitFormats(bob, line, "#e60000", "#ffff00");

    click(".ql-toolbar button.ql-undo"); // the highlight, the last change
    awaitFormats(bob, line, "#e60000", null);
    click(".ql-toolbar button.ql-redo");
    awaitFormats(bob, line, "#e60000", "#ffff00");
    assertThat(alice.js("return document.querySelector('.ql-toolbar button.ql-undo').getAttribute('aria-label')")).isEqualTo("Undo");
  }

  private void click(String css) {
    alice.driver.findElement(By.cssSelector(css)).click();
  }

  /** c's page shows the first line with {@code line}'s formats and its first word in those colours. */
  private static void awaitFormats(Chrome c, Map<String, Object> line, String color, String background) {
    c.await("formats " + line + " " + color + " " + background, () -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> f = (Map<String, Object>) c.js("return window.__verso.quill.getFormat(0, 4)");
      return line.entrySet().stream().allMatch(e -> e.getValue().equals(f.get(e.getKey())))
          && color.equals(f.get("color")) && java.util.Objects.equals(background, f.get("background"));
    });
  }
}
