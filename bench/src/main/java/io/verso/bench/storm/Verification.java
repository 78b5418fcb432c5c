package io.verso.bench.storm;

import io.verso.bench.Contexts;
import io.verso.delta.Delta;
import io.verso.protocol.DeltaJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * After the storm, typing stopped: waits until every tab has nothing unacknowledged, then reads each
 * document's whole op log and checks that every op a tab saw acknowledged is in it (lost), none twice
 * (duplicated), every op a tab sent is in it, and every tab holds the server's revision and content.
 */
final class Verification {
  private final List<StormClient> clients;
  private final List<String> docIds;
  long lost;
  long duplicated;
  long unsent;
  long acked;
  int diverged;
  int unsynced;
  /** Documents whose log could not be read, and why the last one could not. */
  int unchecked;
  String lastError = "";

  Verification(List<StormClient> clients, List<String> docIds) {
    this.clients = clients;
    this.docIds = docIds;
  }

  private static <T> T read(StormClient c, Function<StormClient, T> what) {
    return Contexts.on(c.ctx, () -> Future.succeededFuture(what.apply(c))).await();
  }

  Verification run() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !clients.stream().allMatch(c -> read(c, x -> x.editor.synced()))) {
      Thread.sleep(200);
    }
    unsynced = (int) clients.stream().filter(c -> !read(c, x -> x.editor.synced())).count();
    Thread.sleep(1000); // the last events on their way to the other tabs
    long checkUntil = System.currentTimeMillis() + 300_000; // a cluster that does not answer: report, do not hang
    for (int d = 0; d < docIds.size(); d++) {
      if (System.currentTimeMillis() > checkUntil) {
        unchecked += docIds.size() - d;
        lastError = "the check ran out of its 5 minutes";
        break;
      }
      try {
        check(d);
      } catch (Exception e) { // a document that could not be read is reported, the others still checked
        unchecked++;
        lastError = e.toString();
      }
    }
    return this;
  }

  private void check(int doc) throws InterruptedException {
    {
      List<StormClient> tabs = clients.stream().filter(c -> c.docIndex == doc).toList();
      String address = "doc." + docIds.get(doc);
      JsonObject open = ask(tabs, address, new JsonObject().put("action", "open"));
      Set<String> seen = new HashSet<>();
      long from = 0;
      while (true) {
        JsonObject page = ask(tabs, address, new JsonObject().put("action", "catchup").put("fromRev", from));
        JsonArray events = page.getJsonArray("events", new JsonArray());
        for (int i = 0; i < events.size(); i++) {
          JsonObject ev = events.getJsonObject(i);
          if (!seen.add(ev.getString("clientId") + "#" + ev.getLong("seq"))) {
            duplicated++;
          }
          from = ev.getLong("rev");
        }
        if (!page.getBoolean("more", false) || events.isEmpty()) {
          break;
        }
      }
      long serverRev = open.getLong("rev");
      Delta server = DeltaJson.fromJson(open.getJsonArray("content"));
      for (StormClient c : tabs) {
        long sent = read(c, x -> x.editor.state().lastSeq());
        acked += c.maxAckedSeq;
        for (long seq = 1; seq <= sent; seq++) {
          if (!seen.contains(c.clientId + "#" + seq)) {
            if (seq <= c.maxAckedSeq) {
              lost++;
            } else {
              unsent++;
            }
          }
        }
        long rev = read(c, x -> x.editor.rev());
        Delta local = read(c, x -> x.editor.document());
        if (rev != serverRev || !local.equals(server)) {
          diverged++;
        }
      }
    }
  }

  /** A request through any of the document's tabs whose socket is open, tried again for a while (a busy machine). */
  private static JsonObject ask(List<StormClient> tabs, String address, JsonObject body) throws InterruptedException {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      for (StormClient c : tabs) {
        if (c.open) {
          try {
            return Contexts.on(c.ctx, () -> c.socket.request(address, body)).await();
          } catch (RuntimeException e) {
            last = e;
          }
        }
      }
      Thread.sleep(1000);
    }
    throw last != null ? last : new IllegalStateException("no tab of " + address + " is connected");
  }

  boolean ok() {
    return lost == 0 && duplicated == 0 && unsent == 0 && diverged == 0 && unsynced == 0 && unchecked == 0;
  }

  String summary() {
    return String.format(Locale.ROOT, "Op log check: %d acknowledged ops, %d lost, %d duplicated, %d sent but not in the log,"
        + " %d tabs not synced within 60 s, %d tabs differing from the server, %d documents unreadable%s: %s", acked, lost,
        duplicated, unsent, unsynced, diverged, unchecked, unchecked == 0 ? "" : " (" + lastError + ")", ok() ? "OK" : "FAILED");
  }
}
