package io.verso.convert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Consecutive list lines as the nested lists HTML, Markdown and Word write: an item's indent is
 * its depth, a deeper item opens a list inside the previous item, and a change of kind at one
 * depth (bullet, ordered, checklist) starts a new list there.
 *
 * @param kind  bullet, ordered or check
 * @param items the list's items
 */
record ListTree(String kind, List<Item> items) {
  /**
   * One item and the lists nested in it.
   *
   * @param line     the item's line; null for an item that only holds a list (an item nested two
   *                 levels deeper than the one before it)
   * @param children lists nested in the item
   */
  record Item(Line line, List<ListTree> children) {}

  static List<ListTree> of(List<Line> lines) {
    List<ListTree> roots = new ArrayList<>();
    Deque<ListTree> open = new ArrayDeque<>();
    for (Line line : lines) {
      int level = Math.min(8, Math.max(0, line.intAttr("indent")));
      while (open.size() > level + 1) {
        open.pop();
      }
      if (open.size() == level + 1 && !open.peek().kind().equals(line.listKind())) {
        open.pop();
      }
      while (open.size() < level + 1) {
        ListTree list = new ListTree(open.size() == level ? line.listKind() : "bullet", new ArrayList<>());
        if (open.isEmpty()) {
          roots.add(list);
        } else {
          List<Item> siblings = open.peek().items();
          if (siblings.isEmpty()) {
            siblings.add(new Item(null, new ArrayList<>()));
          }
          siblings.get(siblings.size() - 1).children().add(list);
        }
        open.push(list);
      }
      open.peek().items().add(new Item(line, new ArrayList<>()));
    }
    return roots;
  }
}
