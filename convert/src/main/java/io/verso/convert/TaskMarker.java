package io.verso.convert;

import java.util.Set;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.markdown.MarkdownNodeRendererContext;
import org.commonmark.renderer.markdown.MarkdownNodeRendererFactory;

/**
 * A task list item's box, "[ ] " or "[x] ", written raw: as text the renderer would escape the
 * brackets. (commonmark's own task-list extension is not served by the registry we build from.)
 */
final class TaskMarker extends CustomNode {
  final boolean checked;

  TaskMarker(boolean checked) {
    this.checked = checked;
  }

  /** Writes the box. */
  static final class Renderer implements MarkdownNodeRendererFactory {
    @Override
    public NodeRenderer create(MarkdownNodeRendererContext context) {
      return new NodeRenderer() {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
          return Set.of(TaskMarker.class);
        }

        @Override
        public void render(Node node) {
          context.getWriter().raw(((TaskMarker) node).checked ? "[x] " : "[ ] ");
        }
      };
    }

    @Override
    public Set<Character> getSpecialCharacters() {
      return Set.of();
    }
  }
}
