package io.verso.protocol.doc;

/** The actions a document address ({@code doc.<docId>}) answers, field {@code action}. */
public final class DocAction {
  private DocAction() {}

  /**
   * The role an action from outside takes (viewer: open, catch up and read comments — the other
   * comment actions are the HTTP API's only, which stamps the author's name; editor: submit and see who
   * wrote what — viewers see no history, as in Google Docs); null for an
   * action no client may send (unknown, or internal like {@link #TOUCH}).
   */
  public static io.verso.protocol.Role requiredRole(Object action) {
    if (OPEN.equals(action) || CATCHUP.equals(action) || io.verso.protocol.comments.CommentAction.LIST.equals(action)) {
      return io.verso.protocol.Role.VIEWER;
    }
    return SUBMIT.equals(action) || AUTHORSHIP.equals(action) ? io.verso.protocol.Role.EDITOR : null;
  }

  public static final String OPEN = "open";
  public static final String SUBMIT = "submit";
  public static final String CATCHUP = "catchup";
  /** Who wrote each character of the committed document: {@code {rev, runs:[{length, userId}]}}. */
  public static final String AUTHORSHIP = "authorship";
  /** Internal: keeps a loaded document from unloading while a node has sockets on it. */
  public static final String TOUCH = "touch";
}
