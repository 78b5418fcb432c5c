package io.verso.edit;

import static io.verso.edit.EditServiceTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.verso.protocol.Addresses;
import io.verso.protocol.ErrorCode;
import io.verso.protocol.storage.DocIdRequest;
import io.verso.protocol.storage.MemberRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A trashed document's sequencer unloads at once, and its ops are refused until it is restored. */
class TrashUnloadTest {
  @RegisterExtension
  static final EditNode node = new EditNode(new JsonObject());

  @Test
  void trashingUnloadsTheSequencerAndRefusesOps() throws Exception {
    String docId = Fixture.createDoc(node.vertx(), "owner-t1").await(10, TimeUnit.SECONDS);
    String cid = "trash-client-00001";
    Fixture.submit(node.vertx(), docId, "editor", cid, 1, 0, Fixture.insert("a")).await(10, TimeUnit.SECONDS);
    assertTrue(Fixture.hosted(node.vertx(), docId));

    node.vertx().eventBus().request(Addresses.STORAGE_DOC_TRASH, new MemberRequest(docId, "owner-t1", null).toJson())
        .await(10, TimeUnit.SECONDS);
    node.vertx().eventBus().publish(Addresses.DOCS_TRASHED, new DocIdRequest(docId).toJson());
    long deadline = System.currentTimeMillis() + 5_000;
    while (Fixture.hosted(node.vertx(), docId) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(Fixture.hosted(node.vertx(), docId), "unloaded on the event, long before the idle unload");
    // a socket that has not heard yet: its op finds no document
    expect(ErrorCode.NOT_FOUND, Fixture.submit(node.vertx(), docId, "editor", cid, 2, 1, Fixture.insert("b")));

    node.vertx().eventBus().request(Addresses.STORAGE_DOC_RESTORE, new DocIdRequest(docId).toJson()).await(10, TimeUnit.SECONDS);
    assertEquals(2, Fixture.submit(node.vertx(), docId, "editor", cid, 2, 1, Fixture.insert("b")).await(10, TimeUnit.SECONDS)
        .getLong("rev"));
  }
}
