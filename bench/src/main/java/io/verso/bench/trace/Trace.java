package io.verso.bench.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A recorded editing trace from {@code shared/traces} (format in its README): every patch
 * {@code [pos, numDeleted, "inserted"]} flattened into parallel arrays, in order, with the index of
 * the first patch of each transaction.
 */
public final class Trace {
  public final String name;
  public final String startContent;
  public final String endContent;
  public final int[] pos;
  public final int[] deleted;
  public final String[] inserted;
  /** {@code txnStart[t]} is the first patch of transaction t; one extra entry = patch count. */
  public final int[] txnStart;

  private Trace(String name, String start, String end, int[] pos, int[] deleted, String[] inserted,
      int[] txnStart) {
    this.name = name;
    this.startContent = start;
    this.endContent = end;
    this.pos = pos;
    this.deleted = deleted;
    this.inserted = inserted;
    this.txnStart = txnStart;
  }

  public int patches() {
    return pos.length;
  }

  public int transactions() {
    return txnStart.length - 1;
  }

  /**
   * Opens {@code <name>.json.gz}: from the directory of the system property {@code verso.traces}
   * (or {@code VERSO_TRACES}) when set, else the copy shipped in this module's resources
   * ({@code /traces}, with its licence notice).
   */
  static InputStream open(String name) throws IOException {
    String file = name.endsWith(".json.gz") ? name : name + ".json.gz";
    String dir = System.getProperty("verso.traces", System.getenv("VERSO_TRACES"));
    if (dir != null) {
      return Files.newInputStream(Path.of(dir, file));
    }
    InputStream in = Trace.class.getResourceAsStream("/traces/" + file);
    if (in == null) {
      throw new IOException("no trace " + file + " in the bench resources; set -Dverso.traces=<dir>");
    }
    return in;
  }

  public static Trace load(String name) {
    try (InputStream in = new GZIPInputStream(open(name), 1 << 16);
         JsonParser p = new JsonFactory().createParser(in)) {
      return parse(name, p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + name, e);
    }
  }

  private static Trace parse(String name, JsonParser p) throws IOException {
    String start = "";
    String end = null;
    IntList pos = new IntList();
    IntList del = new IntList();
    List<String> ins = new ArrayList<>();
    IntList txns = new IntList();
    expect(p.nextToken(), JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "startContent" -> start = p.getText();
        case "endContent" -> end = p.getText();
        case "txns" -> {
          expect(p.currentToken(), JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            txns.add(pos.size());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if (f.equals("patches")) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                  p.nextToken();
                  pos.add(p.getIntValue());
                  p.nextToken();
                  del.add(p.getIntValue());
                  p.nextToken();
                  ins.add(p.getText());
                  expect(p.nextToken(), JsonToken.END_ARRAY);
                }
              } else {
                p.skipChildren();
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (end == null) {
      throw new IOException("trace " + name + " has no endContent");
    }
    txns.add(pos.size());
    return new Trace(name, start, end, pos.toArray(), del.toArray(), ins.toArray(new String[0]),
        txns.toArray());
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("malformed trace: expected " + expected + " but found " + actual);
    }
  }

  private static final class IntList {
    private int[] a = new int[1024];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
