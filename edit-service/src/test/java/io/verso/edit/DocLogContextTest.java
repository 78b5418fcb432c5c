package io.verso.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;
import io.verso.runtime.DocLog;
import io.verso.runtime.Failures;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A log line about a document carries its id (and the user's) in the log context, for that line only:
 * the event loop that wrote it goes on to serve other documents with a clean context.
 */
class DocLogContextTest extends WithStorage {
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  private void capture(Class<?> source) {
    captured.start();
    ((Logger) LoggerFactory.getLogger(source)).addAppender(captured);
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(Sequencer.class)).detachAppender(captured);
    ((Logger) LoggerFactory.getLogger(Snapshots.class)).detachAppender(captured);
  }

  @Test
  void anOpStorageRefusesIsLoggedWithItsDocumentAndAuthor() throws Exception {
    capture(Sequencer.class);
    String docId = Fixture.createDoc(vertx, "owner-log1").await(10, TimeUnit.SECONDS);
    DocStore refusing = new ForwardingStore(new EventBusDocStore(vertx.eventBus(), 5_000)) {
      @Override
      public Future<Long> append(String id, List<OpEvent> ops) {
        return Future.failedFuture(ErrorCode.TOO_LARGE.exception("append over storage's limit (injected)"));
      }
    };
    Sequencer s = new Sequencer(docId, refusing, EditConfig.from(new JsonObject()), quiet());
    Fixture.onLoop(vertx, s::load).await(10, TimeUnit.SECONDS);

    String contextAfter = Fixture.onLoop(vertx, () -> s.submit(insert("log-client-000001", "hello"), "user-log1")
        .map(r -> "committed?")
        .recover(err -> {
          assertEquals(ErrorCode.TOO_LARGE, Failures.codeOf(err));
          return Future.succeededFuture(MDC.get(DocLog.DOC_ID)); // the same event loop, right after the line
        })).await(10, TimeUnit.SECONDS);

    List<ILoggingEvent> lines = about(docId); // loaded, refused, commit failed
    assertTrue(lines.size() >= 2, "lines about the document: " + captured.list);
    lines.forEach(l -> assertEquals(docId, l.getMDCPropertyMap().get(DocLog.DOC_ID), l.getFormattedMessage()));
    ILoggingEvent refused = lines.stream().filter(l -> l.getFormattedMessage().contains("refused")).findFirst()
        .orElseThrow();
    assertEquals(Map.of(DocLog.DOC_ID, docId, DocLog.USER_ID, "user-log1"), refused.getMDCPropertyMap());
    assertNull(contextAfter, "the context ends with the line");
  }

  @Test
  void aFailedSnapshotIsLoggedWithItsDocument() throws Exception {
    capture(Snapshots.class);
    String docId = Fixture.createDoc(vertx, "owner-log2").await(10, TimeUnit.SECONDS);
    DocStore noSnapshots = new ForwardingStore(new EventBusDocStore(vertx.eventBus(), 5_000)) {
      @Override
      public Future<Void> saveSnapshot(String id, long rev, JsonArray content, JsonArray authorship) {
        return Future.failedFuture(ErrorCode.UNAVAILABLE.exception("storage down (injected)"));
      }
    };
    Sequencer s = new Sequencer(docId, noSnapshots,
        EditConfig.from(new JsonObject().put("edit", new JsonObject().put("snapshotEvery", 1))), quiet());
    Fixture.onLoop(vertx, s::load).await(10, TimeUnit.SECONDS);
    Fixture.onLoop(vertx, () -> s.submit(insert("log-client-000002", "a"), "user-log2"))
        .await(10, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (captured.list.stream().noneMatch(e -> e.getFormattedMessage().contains(docId))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<ILoggingEvent> lines = about(docId);
    assertEquals(1, lines.size(), "lines about the document: " + captured.list);
    assertTrue(lines.get(0).getFormattedMessage().startsWith("Snapshot of " + docId));
    // a snapshot is the document's, not one user's
    assertEquals(Map.of(DocLog.DOC_ID, docId), lines.get(0).getMDCPropertyMap());
  }

  private List<ILoggingEvent> about(String docId) {
    return captured.list.stream().filter(e -> e.getFormattedMessage().contains(docId)).toList();
  }

  private static SubmitRequest insert(String clientId, String text) {
    return new SubmitRequest(clientId, 1, 0, new JsonArray().add(new JsonObject().put("insert", text)));
  }

  private static Sequencer.Listener quiet() {
    return new Sequencer.Listener() {
      @Override
      public void committed(String docId, OpEvent event) {}

      @Override
      public void steppedDown(String docId, String reason) {}
    };
  }
}
