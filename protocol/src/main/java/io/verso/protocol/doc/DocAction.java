package io.verso.protocol.doc;

/** The actions a document address ({@code doc.<docId>}) answers, field {@code action}. */
public final class DocAction {
  private DocAction() {}

  public static final String OPEN = "open";
  public static final String SUBMIT = "submit";
  public static final String CATCHUP = "catchup";
  /** Internal: keeps a loaded document from unloading while a node has sockets on it. */
  public static final String TOUCH = "touch";
}
