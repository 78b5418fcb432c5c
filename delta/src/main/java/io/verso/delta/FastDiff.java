package io.verso.delta;

import java.util.ArrayList;
import java.util.List;

/**
 * Character diff with the exact behaviour of the fast-diff 1.3.0 npm package as quill-delta 5.1.0
 * calls it ({@code diff(a, b, undefined, true)}): common prefix/suffix trimming, the "shorter text
 * inside the longer" and half-match speedups, Myers' middle-snake bisection, merge cleanup that
 * never splits a surrogate pair at the top level, then semantic cleanup. Our own implementation of
 * the published algorithms (Myers 1986; Fraser's diff-match-patch), kept step-for-step faithful
 * because quill's diff output depends on every tie-break.
 */
final class FastDiff {
  static final int DELETE = -1;
  static final int INSERT = 1;
  static final int EQUAL = 0;

  /** One diff tuple (mutable while cleaning up). */
  static final class Diff {
    int op;
    String text;

    Diff(int op, String text) {
      this.op = op;
      this.text = text;
    }

    @Override
    public String toString() {
      return "[" + op + "," + text + "]";
    }
  }

  private FastDiff() {}

  /** The diff as quill-delta computes it (cleanup on, unicode fixing at the top level). */
  static List<Diff> diff(String text1, String text2) {
    return main(text1, text2, true, true);
  }

  static ArrayList<Diff> main(String text1, String text2, boolean cleanup, boolean fixUnicode) {
    ArrayList<Diff> diffs;
    if (text1.equals(text2)) {
      diffs = new ArrayList<>();
      if (!text1.isEmpty()) {
        diffs.add(new Diff(EQUAL, text1));
      }
      return diffs;
    }
    int common = commonPrefix(text1, text2);
    String prefix = text1.substring(0, common);
    text1 = text1.substring(common);
    text2 = text2.substring(common);
    common = commonSuffix(text1, text2);
    String suffix = text1.substring(text1.length() - common);
    text1 = text1.substring(0, text1.length() - common);
    text2 = text2.substring(0, text2.length() - common);

    diffs = compute(text1, text2);
    if (!prefix.isEmpty()) {
      diffs.add(0, new Diff(EQUAL, prefix));
    }
    if (!suffix.isEmpty()) {
      diffs.add(new Diff(EQUAL, suffix));
    }
    cleanupMerge(diffs, fixUnicode);
    if (cleanup) {
      cleanupSemantic(diffs);
    }
    return diffs;
  }

  private static ArrayList<Diff> list(Diff... ds) {
    ArrayList<Diff> out = new ArrayList<>(ds.length + 4);
    for (Diff d : ds) {
      out.add(d);
    }
    return out;
  }

  private static ArrayList<Diff> compute(String text1, String text2) {
    if (text1.isEmpty()) {
      return list(new Diff(INSERT, text2));
    }
    if (text2.isEmpty()) {
      return list(new Diff(DELETE, text1));
    }
    boolean firstLonger = text1.length() > text2.length();
    String longText = firstLonger ? text1 : text2;
    String shortText = firstLonger ? text2 : text1;
    int i = longText.indexOf(shortText);
    if (i != -1) {
      int op = firstLonger ? DELETE : INSERT;
      return list(
          new Diff(op, longText.substring(0, i)),
          new Diff(EQUAL, shortText),
          new Diff(op, longText.substring(i + shortText.length())));
    }
    if (shortText.length() == 1) {
      return list(new Diff(DELETE, text1), new Diff(INSERT, text2));
    }
    String[] hm = halfMatch(text1, text2);
    if (hm != null) {
      ArrayList<Diff> a = main(hm[0], hm[2], false, false);
      ArrayList<Diff> b = main(hm[1], hm[3], false, false);
      a.add(new Diff(EQUAL, hm[4]));
      a.addAll(b);
      return a;
    }
    return bisect(text1, text2);
  }

  private static ArrayList<Diff> bisect(String text1, String text2) {
    int len1 = text1.length();
    int len2 = text2.length();
    int maxD = (len1 + len2 + 1) / 2;
    int vOffset = maxD;
    int vLength = 2 * maxD;
    int[] v1 = new int[vLength + 2];
    int[] v2 = new int[vLength + 2];
    java.util.Arrays.fill(v1, -1);
    java.util.Arrays.fill(v2, -1);
    v1[vOffset + 1] = 0;
    v2[vOffset + 1] = 0;
    int delta = len1 - len2;
    boolean front = delta % 2 != 0;
    int k1start = 0;
    int k1end = 0;
    int k2start = 0;
    int k2end = 0;
    for (int d = 0; d < maxD; d++) {
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        int k1Offset = vOffset + k1;
        int x1;
        if (k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])) {
          x1 = v1[k1Offset + 1];
        } else {
          x1 = v1[k1Offset - 1] + 1;
        }
        int y1 = x1 - k1;
        while (x1 < len1 && y1 < len2 && text1.charAt(x1) == text2.charAt(y1)) {
          x1++;
          y1++;
        }
        v1[k1Offset] = x1;
        if (x1 > len1) {
          k1end += 2;
        } else if (y1 > len2) {
          k1start += 2;
        } else if (front) {
          int k2Offset = vOffset + delta - k1;
          if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1) {
            int x2 = len1 - v2[k2Offset];
            if (x1 >= x2) {
              return bisectSplit(text1, text2, x1, y1);
            }
          }
        }
      }
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        int k2Offset = vOffset + k2;
        int x2;
        if (k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])) {
          x2 = v2[k2Offset + 1];
        } else {
          x2 = v2[k2Offset - 1] + 1;
        }
        int y2 = x2 - k2;
        while (x2 < len1 && y2 < len2
            && text1.charAt(len1 - x2 - 1) == text2.charAt(len2 - y2 - 1)) {
          x2++;
          y2++;
        }
        v2[k2Offset] = x2;
        if (x2 > len1) {
          k2end += 2;
        } else if (y2 > len2) {
          k2start += 2;
        } else if (!front) {
          int k1Offset = vOffset + delta - k2;
          if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1) {
            int x1 = v1[k1Offset];
            int y1 = vOffset + x1 - k1Offset;
            x2 = len1 - x2;
            if (x1 >= x2) {
              return bisectSplit(text1, text2, x1, y1);
            }
          }
        }
      }
    }
    return list(new Diff(DELETE, text1), new Diff(INSERT, text2));
  }

  private static ArrayList<Diff> bisectSplit(String text1, String text2, int x, int y) {
    if ((x == 0 && y == 0) || (x == text1.length() && y == text2.length())) {
      // Only reachable with unpaired surrogates (the surrogate-safe prefix/suffix trimming leaves
      // the problem unchanged): the original recurses until the stack overflows. We answer with
      // the trivial diff instead of crashing.
      return list(new Diff(DELETE, text1), new Diff(INSERT, text2));
    }
    ArrayList<Diff> a = main(text1.substring(0, x), text2.substring(0, y), false, false);
    a.addAll(main(text1.substring(x), text2.substring(y), false, false));
    return a;
  }

  /** Common prefix length, never ending between the halves of a surrogate pair. */
  static int commonPrefix(String text1, String text2) {
    if (text1.isEmpty() || text2.isEmpty() || text1.charAt(0) != text2.charAt(0)) {
      return 0;
    }
    int n = Math.min(text1.length(), text2.length());
    int i = 0;
    while (i < n && text1.charAt(i) == text2.charAt(i)) {
      i++;
    }
    if (i > 0 && Character.isHighSurrogate(text1.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  /** Common suffix length, never starting between the halves of a surrogate pair. */
  static int commonSuffix(String text1, String text2) {
    int l1 = text1.length();
    int l2 = text2.length();
    if (l1 == 0 || l2 == 0 || text1.charAt(l1 - 1) != text2.charAt(l2 - 1)) {
      return 0;
    }
    int n = Math.min(l1, l2);
    int i = 0;
    while (i < n && text1.charAt(l1 - 1 - i) == text2.charAt(l2 - 1 - i)) {
      i++;
    }
    if (i > 0 && i <= l1 && Character.isLowSurrogate(text1.charAt(l1 - i))) {
      i--;
    }
    return i;
  }

  /** Length of the longest suffix of text1 that is a prefix of text2. */
  static int commonOverlap(String text1, String text2) {
    int l1 = text1.length();
    int l2 = text2.length();
    if (l1 == 0 || l2 == 0) {
      return 0;
    }
    if (l1 > l2) {
      text1 = text1.substring(l1 - l2);
    } else if (l1 < l2) {
      text2 = text2.substring(0, l1);
    }
    int textLength = Math.min(l1, l2);
    if (text1.equals(text2)) {
      return textLength;
    }
    int best = 0;
    int length = 1;
    while (true) {
      String pattern = js(text1, textLength - length, text1.length());
      int found = text2.indexOf(pattern);
      if (found == -1) {
        return best;
      }
      length += found;
      if (found == 0
          || js(text1, textLength - length, text1.length()).equals(js(text2, 0, length))) {
        best = length;
        length++;
      }
    }
  }

  /** JavaScript's String.prototype.substring: clamped bounds, swapped when reversed. */
  static String js(String s, int start, int end) {
    int len = s.length();
    start = Math.max(0, Math.min(start, len));
    end = Math.max(0, Math.min(end, len));
    if (start > end) {
      int t = start;
      start = end;
      end = t;
    }
    return s.substring(start, end);
  }

  private static String[] halfMatch(String text1, String text2) {
    boolean firstLonger = text1.length() > text2.length();
    String longText = firstLonger ? text1 : text2;
    String shortText = firstLonger ? text2 : text1;
    if (longText.length() < 4 || shortText.length() * 2 < longText.length()) {
      return null;
    }
    String[] hm1 = halfMatchAt(longText, shortText, (longText.length() + 3) / 4);
    String[] hm2 = halfMatchAt(longText, shortText, (longText.length() + 1) / 2);
    String[] hm;
    if (hm1 == null && hm2 == null) {
      return null;
    } else if (hm2 == null) {
      hm = hm1;
    } else if (hm1 == null) {
      hm = hm2;
    } else {
      hm = hm1[4].length() > hm2[4].length() ? hm1 : hm2;
    }
    if (firstLonger) {
      return new String[] {hm[0], hm[1], hm[2], hm[3], hm[4]};
    }
    return new String[] {hm[2], hm[3], hm[0], hm[1], hm[4]};
  }

  private static String[] halfMatchAt(String longText, String shortText, int i) {
    String seed = longText.substring(i, i + longText.length() / 4);
    int j = -1;
    String bestCommon = "";
    String bestLongA = null;
    String bestLongB = null;
    String bestShortA = null;
    String bestShortB = null;
    while ((j = shortText.indexOf(seed, j + 1)) != -1) {
      int prefixLength = commonPrefix(longText.substring(i), shortText.substring(j));
      int suffixLength = commonSuffix(longText.substring(0, i), shortText.substring(0, j));
      if (bestCommon.length() < suffixLength + prefixLength) {
        bestCommon = shortText.substring(j - suffixLength, j)
            + shortText.substring(j, j + prefixLength);
        bestLongA = longText.substring(0, i - suffixLength);
        bestLongB = longText.substring(i + prefixLength);
        bestShortA = shortText.substring(0, j - suffixLength);
        bestShortB = shortText.substring(j + prefixLength);
      }
    }
    if (bestCommon.length() * 2 >= longText.length()) {
      return new String[] {bestLongA, bestLongB, bestShortA, bestShortB, bestCommon};
    }
    return null;
  }

  private static boolean endsWithPairStart(String s) {
    return !s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1));
  }

  private static boolean startsWithPairEnd(String s) {
    return !s.isEmpty() && Character.isLowSurrogate(s.charAt(0));
  }

  static void cleanupMerge(ArrayList<Diff> diffs, boolean fixUnicode) {
    diffs.add(new Diff(EQUAL, ""));
    int pointer = 0;
    int countDelete = 0;
    int countInsert = 0;
    String textDelete = "";
    String textInsert = "";
    while (pointer < diffs.size()) {
      if (pointer < diffs.size() - 1 && diffs.get(pointer).text.isEmpty()) {
        diffs.remove(pointer);
        continue;
      }
      Diff current = diffs.get(pointer);
      if (current.op == INSERT) {
        countInsert++;
        textInsert += current.text;
        pointer++;
        continue;
      }
      if (current.op == DELETE) {
        countDelete++;
        textDelete += current.text;
        pointer++;
        continue;
      }
      int previousEquality = pointer - countInsert - countDelete - 1;
      if (fixUnicode) {
        if (previousEquality >= 0 && endsWithPairStart(diffs.get(previousEquality).text)) {
          Diff prev = diffs.get(previousEquality);
          String stray = prev.text.substring(prev.text.length() - 1);
          prev.text = prev.text.substring(0, prev.text.length() - 1);
          textDelete = stray + textDelete;
          textInsert = stray + textInsert;
          if (prev.text.isEmpty()) {
            diffs.remove(previousEquality);
            pointer--;
            int k = previousEquality - 1;
            if (k >= 0 && diffs.get(k).op == INSERT) {
              countInsert++;
              textInsert = diffs.get(k).text + textInsert;
              k--;
            }
            if (k >= 0 && diffs.get(k).op == DELETE) {
              countDelete++;
              textDelete = diffs.get(k).text + textDelete;
              k--;
            }
            previousEquality = k;
          }
        }
        Diff cur = diffs.get(pointer);
        if (startsWithPairEnd(cur.text)) {
          String stray = cur.text.substring(0, 1);
          cur.text = cur.text.substring(1);
          textDelete += stray;
          textInsert += stray;
        }
      }
      if (pointer < diffs.size() - 1 && diffs.get(pointer).text.isEmpty()) {
        diffs.remove(pointer);
        continue;
      }
      if (!textDelete.isEmpty() || !textInsert.isEmpty()) {
        if (!textDelete.isEmpty() && !textInsert.isEmpty()) {
          int common = commonPrefix(textInsert, textDelete);
          if (common != 0) {
            if (previousEquality >= 0) {
              diffs.get(previousEquality).text += textInsert.substring(0, common);
            } else {
              diffs.add(0, new Diff(EQUAL, textInsert.substring(0, common)));
              pointer++;
            }
            textInsert = textInsert.substring(common);
            textDelete = textDelete.substring(common);
          }
          common = commonSuffix(textInsert, textDelete);
          if (common != 0) {
            Diff cur = diffs.get(pointer);
            cur.text = textInsert.substring(textInsert.length() - common) + cur.text;
            textInsert = textInsert.substring(0, textInsert.length() - common);
            textDelete = textDelete.substring(0, textDelete.length() - common);
          }
        }
        int n = countInsert + countDelete;
        int from = pointer - n;
        diffs.subList(from, pointer).clear();
        if (textDelete.isEmpty() && textInsert.isEmpty()) {
          pointer = from;
        } else if (textDelete.isEmpty()) {
          diffs.add(from, new Diff(INSERT, textInsert));
          pointer = from + 1;
        } else if (textInsert.isEmpty()) {
          diffs.add(from, new Diff(DELETE, textDelete));
          pointer = from + 1;
        } else {
          diffs.add(from, new Diff(DELETE, textDelete));
          diffs.add(from + 1, new Diff(INSERT, textInsert));
          pointer = from + 2;
        }
      }
      if (pointer != 0 && diffs.get(pointer - 1).op == EQUAL) {
        diffs.get(pointer - 1).text += diffs.get(pointer).text;
        diffs.remove(pointer);
      } else {
        pointer++;
      }
      countInsert = 0;
      countDelete = 0;
      textDelete = "";
      textInsert = "";
    }
    if (!diffs.isEmpty() && diffs.get(diffs.size() - 1).text.isEmpty()) {
      diffs.remove(diffs.size() - 1);
    }

    boolean changes = false;
    pointer = 1;
    while (pointer < diffs.size() - 1) {
      Diff prev = diffs.get(pointer - 1);
      Diff cur = diffs.get(pointer);
      Diff next = diffs.get(pointer + 1);
      if (prev.op == EQUAL && next.op == EQUAL) {
        int cl = cur.text.length();
        if (js(cur.text, cl - prev.text.length(), cl).equals(prev.text)) {
          cur.text = prev.text + js(cur.text, 0, cl - prev.text.length());
          next.text = prev.text + next.text;
          diffs.remove(pointer - 1);
          changes = true;
        } else if (js(cur.text, 0, next.text.length()).equals(next.text)) {
          prev.text += next.text;
          cur.text = js(cur.text, next.text.length(), cl) + next.text;
          diffs.remove(pointer + 1);
          changes = true;
        }
      }
      pointer++;
    }
    if (changes) {
      cleanupMerge(diffs, fixUnicode);
    }
  }

  static void cleanupSemantic(ArrayList<Diff> diffs) {
    boolean changes = false;
    // A JavaScript array in the original: the length can drop below zero, and then writes and reads
    // at negative indexes act as plain properties. A map keeps exactly that behaviour.
    java.util.HashMap<Integer, Integer> equalities = new java.util.HashMap<>();
    int equalitiesLength = 0;
    String lastEquality = null;
    int pointer = 0;
    int insertions1 = 0;
    int deletions1 = 0;
    int insertions2 = 0;
    int deletions2 = 0;
    while (pointer < diffs.size()) {
      Diff cur = diffs.get(pointer);
      if (cur.op == EQUAL) {
        equalities.put(equalitiesLength++, pointer);
        insertions1 = insertions2;
        deletions1 = deletions2;
        insertions2 = 0;
        deletions2 = 0;
        lastEquality = cur.text;
      } else {
        if (cur.op == INSERT) {
          insertions2 += cur.text.length();
        } else {
          deletions2 += cur.text.length();
        }
        if (lastEquality != null && !lastEquality.isEmpty()
            && lastEquality.length() <= Math.max(insertions1, deletions1)
            && lastEquality.length() <= Math.max(insertions2, deletions2)) {
          int at = equalities.get(equalitiesLength - 1);
          diffs.add(at, new Diff(DELETE, lastEquality));
          diffs.get(at + 1).op = INSERT;
          equalitiesLength--;
          equalitiesLength--;
          pointer = equalitiesLength > 0 ? equalities.get(equalitiesLength - 1) : -1;
          insertions1 = 0;
          deletions1 = 0;
          insertions2 = 0;
          deletions2 = 0;
          lastEquality = null;
          changes = true;
        }
      }
      pointer++;
    }
    if (changes) {
      cleanupMerge(diffs, false);
    }
    cleanupSemanticLossless(diffs);

    pointer = 1;
    while (pointer < diffs.size()) {
      Diff prev = diffs.get(pointer - 1);
      Diff cur = diffs.get(pointer);
      if (prev.op == DELETE && cur.op == INSERT) {
        String deletion = prev.text;
        String insertion = cur.text;
        int overlap1 = commonOverlap(deletion, insertion);
        int overlap2 = commonOverlap(insertion, deletion);
        if (overlap1 >= overlap2) {
          if (overlap1 >= deletion.length() / 2.0 || overlap1 >= insertion.length() / 2.0) {
            diffs.add(pointer, new Diff(EQUAL, insertion.substring(0, overlap1)));
            diffs.get(pointer - 1).text = deletion.substring(0, deletion.length() - overlap1);
            diffs.get(pointer + 1).text = insertion.substring(overlap1);
            pointer++;
          }
        } else {
          if (overlap2 >= deletion.length() / 2.0 || overlap2 >= insertion.length() / 2.0) {
            diffs.add(pointer, new Diff(EQUAL, deletion.substring(0, overlap2)));
            Diff before = diffs.get(pointer - 1);
            before.op = INSERT;
            before.text = insertion.substring(0, insertion.length() - overlap2);
            Diff after = diffs.get(pointer + 1);
            after.op = DELETE;
            after.text = deletion.substring(overlap2);
            pointer++;
          }
        }
        pointer++;
      }
      pointer++;
    }
  }

  private static boolean isJsWhitespace(char c) {
    switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x00A0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000, 0xFEFF:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  private static boolean isAlphaNumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean blankLineEnd(String s) {
    int n = s.length();
    if (n >= 2 && s.charAt(n - 1) == '\n' && s.charAt(n - 2) == '\n') {
      return true;
    }
    return n >= 3 && s.charAt(n - 1) == '\n' && s.charAt(n - 2) == '\r' && s.charAt(n - 3) == '\n';
  }

  private static boolean blankLineStart(String s) {
    int i = 0;
    if (i < s.length() && s.charAt(i) == '\r') {
      i++;
    }
    if (i >= s.length() || s.charAt(i) != '\n') {
      return false;
    }
    i++;
    if (i < s.length() && s.charAt(i) == '\r') {
      i++;
    }
    return i < s.length() && s.charAt(i) == '\n';
  }

  private static int semanticScore(String one, String two) {
    if (one.isEmpty() || two.isEmpty()) {
      return 6;
    }
    char char1 = one.charAt(one.length() - 1);
    char char2 = two.charAt(0);
    boolean nonAlphaNumeric1 = !isAlphaNumeric(char1);
    boolean nonAlphaNumeric2 = !isAlphaNumeric(char2);
    boolean whitespace1 = nonAlphaNumeric1 && isJsWhitespace(char1);
    boolean whitespace2 = nonAlphaNumeric2 && isJsWhitespace(char2);
    boolean lineBreak1 = whitespace1 && (char1 == '\r' || char1 == '\n');
    boolean lineBreak2 = whitespace2 && (char2 == '\r' || char2 == '\n');
    boolean blankLine1 = lineBreak1 && blankLineEnd(one);
    boolean blankLine2 = lineBreak2 && blankLineStart(two);
    if (blankLine1 || blankLine2) {
      return 5;
    } else if (lineBreak1 || lineBreak2) {
      return 4;
    } else if (nonAlphaNumeric1 && !whitespace1 && whitespace2) {
      return 3;
    } else if (whitespace1 || whitespace2) {
      return 2;
    } else if (nonAlphaNumeric1 || nonAlphaNumeric2) {
      return 1;
    }
    return 0;
  }

  static void cleanupSemanticLossless(ArrayList<Diff> diffs) {
    int pointer = 1;
    while (pointer < diffs.size() - 1) {
      if (diffs.get(pointer - 1).op == EQUAL && diffs.get(pointer + 1).op == EQUAL) {
        String equality1 = diffs.get(pointer - 1).text;
        String edit = diffs.get(pointer).text;
        String equality2 = diffs.get(pointer + 1).text;
        int commonOffset = commonSuffix(equality1, edit);
        if (commonOffset != 0) {
          String commonString = edit.substring(edit.length() - commonOffset);
          equality1 = equality1.substring(0, equality1.length() - commonOffset);
          edit = commonString + edit.substring(0, edit.length() - commonOffset);
          equality2 = commonString + equality2;
        }
        String bestEquality1 = equality1;
        String bestEdit = edit;
        String bestEquality2 = equality2;
        int bestScore = semanticScore(equality1, edit) + semanticScore(edit, equality2);
        while (!edit.isEmpty() && !equality2.isEmpty() && edit.charAt(0) == equality2.charAt(0)) {
          equality1 += edit.charAt(0);
          edit = edit.substring(1) + equality2.charAt(0);
          equality2 = equality2.substring(1);
          int score = semanticScore(equality1, edit) + semanticScore(edit, equality2);
          if (score >= bestScore) {
            bestScore = score;
            bestEquality1 = equality1;
            bestEdit = edit;
            bestEquality2 = equality2;
          }
        }
        if (!diffs.get(pointer - 1).text.equals(bestEquality1)) {
          if (!bestEquality1.isEmpty()) {
            diffs.get(pointer - 1).text = bestEquality1;
          } else {
            diffs.remove(pointer - 1);
            pointer--;
          }
          diffs.get(pointer).text = bestEdit;
          if (!bestEquality2.isEmpty()) {
            diffs.get(pointer + 1).text = bestEquality2;
          } else {
            diffs.remove(pointer + 1);
            pointer--;
          }
        }
      }
      pointer++;
    }
  }
}
