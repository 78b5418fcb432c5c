package io.verso.client;

import io.verso.delta.Delta;
import io.verso.delta.Document;
import io.verso.protocol.DeltaJson;
import io.verso.protocol.doc.OpEvent;
import io.verso.protocol.doc.SubmitRequest;

/**
 * The client side of Verso's OT protocol, the same algorithm the browser runs: one op in flight,
 * later local changes composed into a buffer behind it (never into the in-flight op), remote ops
 * transformed against both. The event stream is the source of truth: the client's own op, seen on
 * {@code doc.<id>.events} with its (clientId, seq), is the acknowledgement.
 *
 * <p>Not thread-safe; used by tests, the load generator and service clients.
 */
public final class ClientState {
  private final String clientId;
  /** Mutable, so that an op costs its own size, not the document's (a delta compose copies the whole text). */
  private final Document document;
  private long rev;
  private Delta inFlight;
  private long inFlightSeq;
  private Delta buffer;
  private long nextSeq = 1;

  public ClientState(String clientId, long rev, Delta content) {
    this.clientId = clientId;
    this.rev = rev;
    this.document = new Document(content);
  }

  public String clientId() {
    return clientId;
  }

  /** The local document: server state plus this client's unacknowledged changes (a copy, built on each call). */
  public Delta document() {
    return document.toDelta();
  }

  /** The local document's length in UTF-16 code units, without copying it. */
  public int length() {
    return document.length();
  }

  /** The local document's text (embeds as U+FFFC). */
  public String text() {
    return document.plainText();
  }

  /** The last server revision this client has incorporated. */
  public long rev() {
    return rev;
  }

  /** The seq of the last op this client submitted (0 before the first): how many ops it has sent. */
  public long lastSeq() {
    return nextSeq - 1;
  }

  public boolean hasInFlight() {
    return inFlight != null;
  }

  /** True when every local change has been acknowledged. */
  public boolean synced() {
    return inFlight == null && buffer == null;
  }

  /** A local edit: applied to the local document at once, sent later. */
  public void applyLocal(Delta change) {
    document.apply(change);
    buffer = buffer == null ? change : buffer.compose(change);
  }

  /** The next submit when nothing is in flight and something is buffered; null otherwise. */
  public SubmitRequest takeNextSubmit() {
    if (inFlight != null || buffer == null) {
      return null;
    }
    inFlight = buffer;
    buffer = null;
    inFlightSeq = nextSeq++;
    return inFlightSubmit();
  }

  /** The in-flight op again (same clientId and seq, rebased on the current revision), to resend after a failure. */
  public SubmitRequest inFlightSubmit() {
    return inFlight == null ? null
        : new SubmitRequest(clientId, inFlightSeq, rev, DeltaJson.toJson(inFlight));
  }

  /** Outcome of {@link #receive(OpEvent)}. */
  public enum Received { ALREADY_SEEN, GAP, ACK, REMOTE }

  /** The change a remote op makes to the local document (valid after {@code receive} answered REMOTE). */
  private Delta lastRemote;

  public Delta lastRemoteChange() {
    return lastRemote;
  }

  /**
   * Incorporates the next committed op. GAP means an op is missing before this one: catch up from
   * {@link #rev()} first, then feed the events in order.
   */
  public Received receive(OpEvent event) {
    if (event.rev() <= rev) {
      return Received.ALREADY_SEEN;
    }
    if (event.rev() != rev + 1) {
      return Received.GAP;
    }
    rev = event.rev();
    if (inFlight != null && clientId.equals(event.clientId()) && inFlightSeq == event.seq()) {
      inFlight = null;
      return Received.ACK;
    }
    Delta op = DeltaJson.fromJson(event.ops());
    if (inFlight != null) {
      Delta forLocal = inFlight.transform(op, false);
      inFlight = op.transform(inFlight, true);
      op = forLocal;
    }
    if (buffer != null) {
      Delta forLocal = buffer.transform(op, false);
      buffer = op.transform(buffer, true);
      op = forLocal;
    }
    document.apply(op);
    lastRemote = op;
    return Received.REMOTE;
  }
}
