package io.verso.delta;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who wrote each character of a document, as runs {@code (length, userId)} that cover the whole
 * document exactly (lengths in UTF-16 code units, an embed counts 1; a null userId = unknown, e.g. a
 * document older than the record). Kept incrementally, one committed op at a time, so the server
 * never recomputes it from the op log.
 *
 * <p>{@link #apply} follows the op: an insert is written by the op's author, a delete removes the
 * characters with their authors, a retain keeps them — also when it carries attributes: formatting
 * someone's text does not make it yours (as in Google Docs' and Etherpad's attribution; the format
 * change itself stays visible in history). Adjacent runs of the same author are always merged, so
 * the runs are canonical: equal authorship gives equal {@link #runs}.
 *
 * <p>The runs are the nodes of a treap ordered by position, each node holding the length of its
 * subtree: locating a position costs O(log r) for r runs, and an op costs O((c + d) log r) for c
 * components and d runs it deletes, independent of the document's length. Not thread-safe.
 */
public final class Authorship {
  /** One run: {@code length} (> 0) consecutive code units written by {@code userId} (null = unknown). */
  public record Run(int length, String userId) {
    public Run {
      if (length <= 0) {
        throw new IllegalArgumentException("a run has a positive length, not " + length);
      }
    }
  }

  private static final class Node {
    int len;
    final int author;
    final int prio;
    /** Code units of this subtree. */
    int sum;
    Node left;
    Node right;

    Node(int len, int author, int prio) {
      this.len = len;
      this.author = author;
      this.prio = prio;
      this.sum = len;
    }
  }

  /** Authors interned to small ints, so comparing two runs' authors is an int compare. */
  private final List<String> authors = new ArrayList<>();
  private final Map<String, Integer> authorIds = new HashMap<>();
  private Node root;
  private int runCount;
  /** xorshift state for the treap priorities: deterministic, so runs() never depends on luck. */
  private int seed = 0x2545F491;

  /** Output of {@link #locate}: the nodes from the root to the run, and where the run starts. */
  private Node[] path = new Node[64];
  private int pathDepth;
  private int locatedStart;
  /** Whether {@link #path} still leads to the run last located: no run was added or removed since. */
  private boolean located;
  /**
   * How much the run last located has grown since its ancestors' sums were brought up to date:
   * keystrokes in one run change its length only, and the path's sums follow at the next descent
   * or change of shape ({@link #flush}).
   */
  private int pending;

  /** Output of {@link #split}. */
  private Node splitLeft;
  private Node splitRight;

  private Authorship() {}

  /** A document of {@code length} code units all written by {@code userId} (null = unknown). */
  public static Authorship of(int length, String userId) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    Authorship a = new Authorship();
    if (length > 0) {
      a.root = a.node(length, a.id(userId));
      a.runCount = 1;
    }
    return a;
  }

  /** The whole of {@code doc} attributed to {@code userId} (null = unknown, e.g. from a snapshot). */
  public static Authorship of(Document doc, String userId) {
    return of(doc.length(), userId);
  }

  /**
   * Authorship from its stored form, the list of {@link #runs}; adjacent runs of one author are
   * merged. Costs O(r).
   */
  public static Authorship fromRuns(List<Run> runs) {
    Authorship a = new Authorship();
    // Cartesian-tree construction: the runs come in position order, so one stack of the right
    // spine builds the treap for random priorities in linear time.
    Node[] spine = new Node[64];
    int depth = 0;
    Node last = null;
    long total = 0;
    for (Run run : runs) {
      total += run.length();
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("runs longer than a document can be");
      }
      int id = a.id(run.userId());
      if (last != null && last.author == id) {
        last.len += run.length();
        continue;
      }
      Node n = a.node(run.length(), id);
      Node popped = null;
      while (depth > 0 && spine[depth - 1].prio < n.prio) {
        popped = spine[--depth];
      }
      n.left = popped;
      if (depth > 0) {
        spine[depth - 1].right = n;
      }
      if (depth == spine.length) {
        spine = java.util.Arrays.copyOf(spine, depth * 2);
      }
      spine[depth++] = n;
      last = n;
      a.runCount++;
    }
    if (depth > 0) {
      a.root = spine[0];
      fixSums(a.root);
    }
    return a;
  }

  private static int fixSums(Node t) {
    if (t == null) {
      return 0;
    }
    t.sum = t.len + fixSums(t.left) + fixSums(t.right);
    return t.sum;
  }

  /** The document's length in code units: the sum of the runs' lengths. */
  public int length() {
    return sum(root) + pending; // the root is on the located path
  }

  public int runCount() {
    return runCount;
  }

  /** The author of the code unit at {@code pos} (null = unknown). */
  public String authorAt(int pos) {
    if (pos < 0 || pos >= length()) {
      throw new IndexOutOfBoundsException("position " + pos + " of " + length());
    }
    return authors.get(find(pos).author);
  }

  /** The runs in document order: the stored form ({@link #fromRuns}). Costs O(r). */
  public List<Run> runs() {
    List<Run> out = new ArrayList<>(runCount);
    ArrayDeque<Node> stack = new ArrayDeque<>();
    Node t = root;
    while (t != null || !stack.isEmpty()) {
      while (t != null) {
        stack.push(t);
        t = t.left;
      }
      t = stack.pop();
      out.add(new Run(t.len, authors.get(t.author)));
      t = t.right;
    }
    return out;
  }

  /**
   * Records a committed op by {@code userId}. Like {@link Document#apply}, the op may be shorter
   * than the document; one that spans more than the document is rejected with
   * {@link InvalidDeltaException} before anything changes.
   */
  public void apply(Delta change, String userId) {
    int len = length();
    if (change.baseLength() > len) {
      throw new InvalidDeltaException("change spans " + change.baseLength()
          + " code units but the document has " + len);
    }
    if ((long) len + change.changeLength() > Integer.MAX_VALUE) {
      throw new InvalidDeltaException("document would exceed the maximum length");
    }
    int author = -1;
    int pos = 0;
    int n = change.size();
    for (int i = 0; i < n; i++) {
      Op op = change.op(i);
      if (op instanceof Insert) {
        if (author < 0) {
          author = id(userId);
        }
        insert(pos, op.length(), author);
        pos += op.length();
      } else if (op instanceof Retain) {
        pos += op.length(); // attributes deliberately ignored: formatting keeps the author
      } else {
        delete(pos, op.length());
      }
    }
  }

  @Override
  public String toString() {
    return runs().toString();
  }

  // ---------------------------------------------------------------- edits

  private void insert(int pos, int n, int author) {
    int len = length();
    if (pos > 0) {
      Node before = locate(pos - 1);
      // Typing next to or inside one's own run only lengthens that run.
      if (before.author == author) {
        resizeLocated(n);
        return;
      }
      int tail = locatedStart + before.len - pos;
      if (tail > 0) {
        // Inside another author's run: it keeps its head, the new run and its tail follow it.
        resizeLocated(-tail);
        insertRun(pos, node(n, author));
        insertRun(pos + n, node(tail, before.author));
        runCount += 2;
        return;
      }
    }
    if (pos < len && locate(pos).author == author) {
      resizeLocated(n);
      return;
    }
    insertRun(pos, node(n, author));
    runCount++;
  }

  private void delete(int pos, int n) {
    if (n == 0) {
      return;
    }
    // A delete that leaves some of the one run it falls in only shortens that run: its neighbours
    // do not change, so no split, merge or fold is needed (most deletes are a keystroke).
    Node run = locate(pos);
    int offset = pos - locatedStart;
    if (run.len > n && offset + n <= run.len) {
      resizeLocated(-n);
      return;
    }
    if (offset == 0 && run.len == n) {
      // Exactly one run goes (a keystroke between other authors' runs): unlink it, then fold its
      // neighbours if they are one author's.
      removeLocated();
      if (pos > 0 && pos < length()) {
        int left = locate(pos - 1).author;
        Node first = locate(pos);
        if (first.author == left) {
          removeLocated();
          locate(pos - 1);
          resizeLocated(first.len);
        }
      }
      return;
    }
    flush();
    located = false;
    split(root, pos);
    Node left = splitLeft;
    split(splitRight, n);
    Node gone = splitLeft;
    Node right = splitRight;
    runCount -= count(gone);
    if (left != null && right != null) {
      Node last = left;
      while (last.right != null) {
        last = last.right;
      }
      Node first = right;
      while (first.left != null) {
        first = first.left;
      }
      if (last.author == first.author) {
        // The delete brought two runs of one author together: fold the right one into the left.
        int extra = first.len;
        right = removeFirst(right);
        for (Node t = left; t != null; t = t.right) {
          t.sum += extra;
        }
        last.len += extra;
        runCount--;
      }
    }
    root = merge(left, right);
  }

  // ---------------------------------------------------------------- treap

  private Node node(int len, int author) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return new Node(len, author, seed);
  }

  private int id(String userId) {
    Integer id = authorIds.get(userId);
    if (id == null) {
      id = authors.size();
      authors.add(userId);
      authorIds.put(userId, id);
    }
    return id;
  }

  private static int sum(Node t) {
    return t == null ? 0 : t.sum;
  }

  private static void update(Node t) {
    t.sum = t.len + sum(t.left) + sum(t.right);
  }

  private static int count(Node t) {
    return t == null ? 0 : 1 + count(t.left) + count(t.right);
  }

  /** The run containing {@code pos} (0 <= pos < length). */
  private Node find(int pos) {
    flush();
    Node t = root;
    while (true) {
      int ls = sum(t.left);
      if (pos < ls) {
        t = t.left;
      } else if (pos < ls + t.len) {
        return t;
      } else {
        pos -= ls + t.len;
        t = t.right;
      }
    }
  }

  /**
   * {@link #find}, remembering the path from the root in {@link #path} and where the run starts
   * in {@link #locatedStart}, so that {@link #resizeLocated} needs no second descent.
   */
  private Node locate(int pos) {
    if (located) {
      // Typing stays in the run it touched last: its path needs no descent (a descent through runs
      // the sequencer's own work has evicted from the caches is most of an op's cost).
      Node last = path[pathDepth - 1];
      if (pos >= locatedStart && pos < locatedStart + last.len) {
        return last;
      }
    }
    flush();
    Node t = root;
    int depth = 0;
    int start = 0;
    while (true) {
      if (depth == path.length) {
        path = java.util.Arrays.copyOf(path, depth * 2);
      }
      path[depth++] = t;
      int ls = sum(t.left);
      if (pos < ls) {
        t = t.left;
      } else if (pos < ls + t.len) {
        pathDepth = depth;
        locatedStart = start + ls;
        located = true;
        return t;
      } else {
        pos -= ls + t.len;
        start += ls + t.len;
        t = t.right;
      }
    }
  }

  /** Changes the length of the run last {@link #locate}d by {@code n} (it stays positive). */
  private void resizeLocated(int n) {
    path[pathDepth - 1].len += n;
    pending += n;
  }

  /** Brings the sums on the located path up to date: before anything reads them or changes shape. */
  private void flush() {
    if (pending != 0) {
      for (int k = 0; k < pathDepth; k++) {
        path[k].sum += pending;
      }
      pending = 0;
    }
  }

  /** Unlinks the run last {@link #locate}d: its children take its place, its ancestors shrink. */
  private void removeLocated() {
    flush();
    located = false;
    Node gone = path[pathDepth - 1];
    Node rest = merge(gone.left, gone.right);
    for (int k = 0; k < pathDepth - 1; k++) {
      path[k].sum -= gone.len;
    }
    if (pathDepth == 1) {
      root = rest;
    } else if (path[pathDepth - 2].left == gone) {
      path[pathDepth - 2].left = rest;
    } else {
      path[pathDepth - 2].right = rest;
    }
    runCount--;
  }

  /**
   * Puts run {@code n} at {@code pos}, a boundary between runs (or an end), in one descent: down to
   * where n's priority belongs, then the subtree there splits around it without cutting a run.
   */
  private void insertRun(int pos, Node n) {
    flush();
    located = false;
    Node parent = null;
    boolean leftOfParent = false;
    Node t = root;
    while (t != null && t.prio >= n.prio) {
      t.sum += n.len;
      parent = t;
      int ls = sum(t.left);
      leftOfParent = pos <= ls;
      if (leftOfParent) {
        t = t.left;
      } else {
        pos -= ls + t.len;
        t = t.right;
      }
    }
    split(t, pos);
    n.left = splitLeft;
    n.right = splitRight;
    update(n);
    if (parent == null) {
      root = n;
    } else if (leftOfParent) {
      parent.left = n;
    } else {
      parent.right = n;
    }
  }

  /**
   * Splits {@code t} into the first {@code k} code units ({@link #splitLeft}) and the rest
   * ({@link #splitRight}), cutting the run that straddles {@code k} in two.
   */
  private void split(Node t, int k) {
    if (t == null) {
      splitLeft = null;
      splitRight = null;
      return;
    }
    int ls = sum(t.left);
    if (k <= ls) {
      split(t.left, k);
      t.left = splitRight;
      update(t);
      splitRight = t;
      return;
    }
    int end = ls + t.len;
    if (k >= end) {
      split(t.right, k - end);
      t.right = splitLeft;
      update(t);
      splitLeft = t;
      return;
    }
    // The second half keeps t's priority: t's right subtree, which it takes over, is below it.
    Node second = new Node(end - k, t.author, t.prio);
    second.right = t.right;
    t.right = null;
    t.len = k - ls;
    update(t);
    update(second);
    runCount++;
    splitLeft = t;
    splitRight = second;
  }

  private static Node merge(Node a, Node b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.prio >= b.prio) {
      a.right = merge(a.right, b);
      update(a);
      return a;
    }
    b.left = merge(a, b.left);
    update(b);
    return b;
  }

  private static Node removeFirst(Node t) {
    if (t.left == null) {
      return t.right;
    }
    t.left = removeFirst(t.left);
    update(t);
    return t;
  }
}
