package io.verso.protocol;

import java.util.regex.Pattern;

/**
 * Every event-bus address Verso uses. Public addresses (reachable through the bridges) are those of
 * the v1 protocol; internal ones are only for services inside the cluster and are never permitted
 * by a bridge.
 */
public final class Addresses {
  private Addresses() {}

  /** Document ids: 1..64 characters of [A-Za-z0-9_-] (checked with {@link #isDocId}, the same rule without a regex). */
  public static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Client ids (of a submitting editor, of a presence entry): 16..64 characters of [A-Za-z0-9_-], chosen by the client. */
  public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

  /** Whether {@code s} is a document id ({@link #DOC_ID}). */
  public static boolean isDocId(String s) {
    return s != null && isToken(s, 0, s.length(), 1, 64);
  }

  /** Whether {@code s} is a client id ({@link #CLIENT_ID}). */
  public static boolean isClientId(String s) {
    return s != null && isToken(s, 0, s.length(), 16, 64);
  }

  /** Whether {@code c} is one of [A-Za-z0-9_-], the characters of ids. */
  public static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /**
   * Whether {@code s[from, to)} has {@code min..max} characters, all of [A-Za-z0-9_-]. Ids and
   * addresses are checked on every frame a socket sends: a loop over the characters costs a fraction
   * of a regex match.
   */
  public static boolean isToken(String s, int from, int to, int min, int max) {
    int length = to - from;
    if (from < 0 || to > s.length() || length < min || length > max) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code address} is {@code prefix + a document id + suffix}. */
  private static boolean hasId(String address, String prefix, String suffix) {
    return address != null && address.startsWith(prefix) && address.endsWith(suffix)
        && isToken(address, prefix.length(), address.length() - suffix.length(), 1, 64);
  }

  /** The document id of {@code prefix + id + suffix}, or null when {@code address} is not of that form. */
  private static String idBetween(String address, String prefix, String suffix) {
    return hasId(address, prefix, suffix) ? address.substring(prefix.length(), address.length() - suffix.length()) : null;
  }

  /** Whether a bridge may send to this address ({@link #INBOUND_DOC_REGEX}). */
  public static boolean isInboundDoc(String address) {
    return hasId(address, "doc.", "");
  }

  /** Whether a bridge may send to this address ({@link #INBOUND_PRESENCE_REGEX}). */
  public static boolean isInboundPresence(String address) {
    return hasId(address, "presence.", "");
  }

  /** Whether a bridge may register on this address ({@link #OUTBOUND_DOC_EVENTS_REGEX}). */
  public static boolean isDocEvents(String address) {
    return hasId(address, "doc.", ".events");
  }

  /** Whether a bridge may register on this address ({@link #OUTBOUND_PRESENCE_EVENTS_REGEX}). */
  public static boolean isPresenceEvents(String address) {
    return hasId(address, "presence.", ".events");
  }

  // ---- public: documents ----
  public static String doc(String docId) {
    return "doc." + docId;
  }

  public static String docEvents(String docId) {
    return "doc." + docId + ".events";
  }

  // ---- public: presence ----
  public static String presence(String docId) {
    return "presence." + docId;
  }

  public static String presenceEvents(String docId) {
    return "presence." + docId + ".events";
  }

  /** Regexes the bridges permit (deny by default). */
  public static final String INBOUND_DOC_REGEX = "doc\\.[A-Za-z0-9_-]{1,64}";
  public static final String INBOUND_PRESENCE_REGEX = "presence\\.[A-Za-z0-9_-]{1,64}";
  public static final String OUTBOUND_DOC_EVENTS_REGEX = "doc\\.[A-Za-z0-9_-]{1,64}\\.events";
  public static final String OUTBOUND_PRESENCE_EVENTS_REGEX = "presence\\.[A-Za-z0-9_-]{1,64}\\.events";

  // ---- internal: storage-service ----
  /** Append committed-order ops of one document (group commit). */
  public static final String STORAGE_OPS_APPEND = "verso.storage.ops.append";
  /** Latest snapshot + the ops after it, plus per-client last seqs. */
  public static final String STORAGE_DOC_LOAD = "verso.storage.doc.load";
  /** Ops in a revision range. */
  public static final String STORAGE_OPS_RANGE = "verso.storage.ops.range";
  /** The revision an already committed (clientId, seq) got. */
  public static final String STORAGE_OPS_FIND = "verso.storage.ops.find";
  public static final String STORAGE_SNAPSHOT_SAVE = "verso.storage.snapshot.save";
  /** Version history (records HistoryMetaRequest, DocRevRequest, VersionPutRequest, VersionListRequest). */
  public static final String STORAGE_HISTORY_META = "verso.storage.history.meta";
  /** A page of history entries, grouped and cached by storage per block (HistoryEntriesRequest → HistoryEntries). */
  public static final String STORAGE_HISTORY_ENTRIES = "verso.storage.history.entries";
  public static final String STORAGE_SNAPSHOT_AT = "verso.storage.snapshot.at";
  public static final String STORAGE_VERSION_PUT = "verso.storage.version.put";
  public static final String STORAGE_VERSION_DELETE = "verso.storage.version.delete";
  public static final String STORAGE_VERSION_LIST = "verso.storage.version.list";
  /**
   * A document's comment threads (records in {@code io.verso.protocol.comments}; the comment room of
   * edit-service is their only writer): load {@code {docId}} → {@code {threads}}; thread create
   * {@code {docId, thread}}; comment add {@code {docId, threadId, comment}}; comment edit
   * {@code {docId, threadId, commentId, text, editedTs}}; comment delete {@code {docId, threadId,
   * commentId}}; thread delete {@code {docId, threadId}}; thread resolve {@code {docId, threadId,
   * resolved, by, ts}}; anchors save {@code {docId, rev, anchors:[{id, index, length, detached}]}}.
   */
  public static final String STORAGE_COMMENTS_LOAD = "verso.storage.comments.load";
  public static final String STORAGE_THREAD_CREATE = "verso.storage.comments.thread.create";
  public static final String STORAGE_COMMENT_ADD = "verso.storage.comments.comment.add";
  public static final String STORAGE_COMMENT_EDIT = "verso.storage.comments.comment.edit";
  public static final String STORAGE_COMMENT_DELETE = "verso.storage.comments.comment.delete";
  public static final String STORAGE_THREAD_DELETE = "verso.storage.comments.thread.delete";
  public static final String STORAGE_THREAD_RESOLVE = "verso.storage.comments.thread.resolve";
  public static final String STORAGE_ANCHORS_SAVE = "verso.storage.comments.anchors.save";
  /**
   * A document's images (records {@code ImagePutRequest}, {@code ImageRef}; the web tier's images API
   * is their only caller, after its role check): put {@code {docId, imageId, userId, contentType,
   * bytes, maxCount, maxBytes}} → {@code {imageId, etag}} (RATE_LIMITED when the document's count or
   * bytes would exceed the limits it gives); get {@code {docId, imageId}} → {@code {contentType, etag,
   * bytes}}; NOT_FOUND: no such document or image.
   */
  public static final String STORAGE_IMAGE_PUT = "verso.storage.images.put";
  public static final String STORAGE_IMAGE_GET = "verso.storage.images.get";
  public static final String STORAGE_DOC_CREATE = "verso.storage.doc.create";
  public static final String STORAGE_DOC_GET = "verso.storage.doc.get";
  public static final String STORAGE_DOC_LIST = "verso.storage.doc.list";
  public static final String STORAGE_DOC_RENAME = "verso.storage.doc.rename";
  public static final String STORAGE_DOC_DELETE = "verso.storage.doc.delete";
  /**
   * The trash (trashed documents are missing for every other storage address): trash
   * {docId, userId} (MemberRequest: who trashes it) → {} or NOT_FOUND when not live; restore {docId}
   * → {} or NOT_FOUND when not trashed; role {docId, userId} → {role} on a trashed document (null:
   * none, or not trashed); list {userId} → {docs:[TrashedDoc…]} (owned, last trashed first); delete
   * {docId} → {} or NOT_FOUND when not trashed; purge {} → {purged} (what is older than
   * docs.trashDays; storage also runs it every docs.purgeIntervalMs).
   */
  public static final String STORAGE_DOC_TRASH = "verso.storage.doc.trash";
  public static final String STORAGE_DOC_RESTORE = "verso.storage.doc.restore";
  public static final String STORAGE_TRASH_ROLE = "verso.storage.trash.role";
  public static final String STORAGE_TRASH_LIST = "verso.storage.trash.list";
  public static final String STORAGE_TRASH_DELETE = "verso.storage.trash.delete";
  public static final String STORAGE_TRASH_PURGE = "verso.storage.trash.purge";
  /** Published once a rename is committed: the document's DocRecord; web tiers tell the sockets watching it. */
  public static final String STORAGE_DOC_RENAMED = "verso.storage.doc.renamed";
  public static final String STORAGE_MEMBER_LIST = "verso.storage.member.list";
  public static final String STORAGE_MEMBER_GET = "verso.storage.member.get";
  public static final String STORAGE_MEMBER_PUT = "verso.storage.member.put";
  public static final String STORAGE_MEMBER_REMOVE = "verso.storage.member.remove";
  public static final String STORAGE_USER_CREATE = "verso.storage.user.create";
  public static final String STORAGE_USER_GET = "verso.storage.user.get";
  public static final String STORAGE_REFRESH_CREATE = "verso.storage.refresh.create";
  public static final String STORAGE_REFRESH_ROTATE = "verso.storage.refresh.rotate";
  public static final String STORAGE_REFRESH_REVOKE = "verso.storage.refresh.revoke";
  public static final String STORAGE_STATS = "verso.storage.stats";
  public static final String STORAGE_HEALTH = "verso.storage.health";

  // ---- internal: auth-service (records in io.verso.protocol.auth) ----
  /**
   * Role of a user on a document: {@code {"docId","userId"}} (storage's MemberRequest) →
   * {@code {"role":"owner"|"editor"|"commenter"|"viewer"|"none"}}; never cached, so a change is
   * visible to the next query.
   */
  public static final String AUTH_ROLE = "verso.auth.role";
  /** Published when a member's role changes or is removed: {docId, userId, role|"none"} (RoleChanged). */
  public static final String AUTH_ROLE_CHANGED = "verso.auth.role.changed";
  /** Published when a session is revoked (logout, refresh reuse): {userId, sessionId} (SessionRevoked). */
  public static final String AUTH_SESSION_REVOKED = "verso.auth.session.revoked";
  /** Create an account: {username, password, displayName} → SessionGrant; CONFLICT if taken. */
  public static final String AUTH_REGISTER = "verso.auth.register";
  /** Log in: {username, password, clientAddress} → SessionGrant; UNAUTHENTICATED; RATE_LIMITED. */
  public static final String AUTH_LOGIN = "verso.auth.login";
  /** Rotate a refresh token: {refreshToken} → SessionGrant; UNAUTHENTICATED (reuse revokes the family). */
  public static final String AUTH_REFRESH = "verso.auth.refresh";
  /** Revoke a session: {refreshToken?, sessionId?} → {}. */
  public static final String AUTH_LOGOUT = "verso.auth.logout";
  /**
   * The access-token verification keys, public only: {} → {algorithm, issuer, kid, publicKeyPem,
   * keys:[{kid, publicKeyPem}]} (PublicKeyInfo; kid and publicKeyPem name the current key).
   */
  public static final String AUTH_PUBLIC_KEY = "verso.auth.publicKey";
  /** Members of a document (acting user in header verso-user-id): {docId} → {members:[Member…]}. */
  public static final String AUTH_MEMBER_LIST = "verso.auth.member.list";
  /** Add or change a member, owner only: {docId, username, role} (MemberChange) → {username, role}. */
  public static final String AUTH_MEMBER_PUT = "verso.auth.member.put";
  /** Remove a member, owner only: {docId, username} (MemberChange) → {}. */
  public static final String AUTH_MEMBER_REMOVE = "verso.auth.member.remove";

  // ---- internal: the documents service (with auth-service; acting user in verso-user-id; non-members NOT_FOUND) ----
  /** The acting user's live documents: DocListRequest without userId → {docs:[DocSummary…]}, last edited first by default. */
  public static final String DOCS_LIST = "verso.docs.list";
  /** Create a document the acting user owns: {title?} ("Untitled" when absent) → DocRecord. */
  public static final String DOCS_CREATE = "verso.docs.create";
  /** A document, viewer or better: {docId} → DocRecord plus {role} (the acting user's). */
  public static final String DOCS_GET = "verso.docs.get";
  /** Rename, editor or better (a weaker member gets FORBIDDEN): {docId, title} → DocRecord. */
  public static final String DOCS_RENAME = "verso.docs.rename";
  /**
   * Move to the trash, owner only: {docId} → {}; DOCS_TRASHED is published, then every member's loss
   * of its role on AUTH_ROLE_CHANGED (a trashed document is nobody's until restored).
   */
  public static final String DOCS_DELETE = "verso.docs.delete";
  /** The trashed documents the acting user owns: {} → {docs:[TrashedDoc…]}, last trashed first. */
  public static final String DOCS_TRASH_LIST = "verso.docs.trash.list";
  /** Restore, owner of the trashed document only: {docId} → {}; every member's role is published again on AUTH_ROLE_CHANGED. */
  public static final String DOCS_RESTORE = "verso.docs.restore";
  /** Delete forever, owner of the trashed document only: {docId} → {}; with its op log, snapshots, history, comments, members. */
  public static final String DOCS_DELETE_FOREVER = "verso.docs.deleteForever";
  /** Published once a document is in the trash: {docId}. Web tiers tell and drop its sockets; edit-service unloads it. */
  public static final String DOCS_TRASHED = "verso.docs.trashed";
  /** The committed content (snapshot + later ops), viewer or better: {docId} → {title, content:[delta ops]}. */
  public static final String DOCS_CONTENT = "verso.docs.content";

  // ---- internal: history-service (acting user in verso-user-id; editor or better, non-members NOT_FOUND; docs/history.md) ----
  /** {docId, before?, limit? (1..100), named?} → {entries:[{fromRev, toRev, startTs, endTs, ops, authors, name?}], more}. */
  public static final String HISTORY_PAGE = "verso.history.page";
  /** {docId, rev (0..head)} → {rev, content:[delta ops]}. */
  public static final String HISTORY_REVISION = "verso.history.revision";
  /** {docId, from, to} → {from, to, ops:[delta ops, inserts and deletes with "author"]}. */
  public static final String HISTORY_DIFF = "verso.history.diff";
  /** {docId, rev, name} → {rev, name}. */
  public static final String HISTORY_VERSION_PUT = "verso.history.version.put";
  /** {docId, rev} → {}. */
  public static final String HISTORY_VERSION_DELETE = "verso.history.version.delete";
  /** {docId, rev} → {rev} (a new revision submitted as the acting user), or {rev: head, unchanged: true}. */
  public static final String HISTORY_RESTORE = "verso.history.restore";
  /** {docId} → {rev, runs:[{length, userId}], authors:[{userId, name}]}. */
  public static final String HISTORY_AUTHORSHIP = "verso.history.authorship";

  // ---- internal: edit-service ----
  /** Published by a sequencer when it activates or steps down: {docId, nodeId, state}. */
  public static final String EDIT_OWNERSHIP = "verso.edit.ownership";
  /** Load-balanced over every edit-service instance: make sure {docId} is served somewhere. */
  public static final String EDIT_ACTIVATE = "verso.edit.activate";
  /** Status of the sequencers of every edit-service instance (published request: each answers its own). */
  public static final String EDIT_STATUS = "verso.edit.status";

  /** The direct address of one edit-service instance (activation forwarded to a document's owner). */
  public static String editNode(String nodeId) {
    return "verso.edit.node." + nodeId;
  }

  /** Header carrying the verified user id, stamped by the bridges (never from the body). */
  public static final String HEADER_USER_ID = "verso-user-id";
  /** Header carrying the verified user's role on the addressed document, stamped by the bridges. */
  public static final String HEADER_ROLE = "verso-role";
  /** Header carrying the verified user's display name. */
  public static final String HEADER_USER_NAME = "verso-user-name";
  /** The header of a TCP bridge connection's first frame that carries the service token. */
  public static final String HEADER_SERVICE_TOKEN = "verso-service-token";
  /**
   * Header naming the internal service a request comes from, set by that service only: the bridges
   * build every request's headers afresh (never from a frame), so a socket cannot claim one. The
   * sequencer takes a restore's client id ({@code restore-…}) only with {@link #ORIGIN_HISTORY}.
   */
  public static final String HEADER_ORIGIN = "verso-origin";
  /** {@link #HEADER_ORIGIN} of the history service. */
  public static final String ORIGIN_HISTORY = "history";

  /** The document id in a public address, or null when the address is not a document address. */
  public static String docIdOf(String address) {
    if (address == null) {
      return null;
    }
    String prefix = address.startsWith("doc.") ? "doc." : address.startsWith("presence.") ? "presence." : null;
    if (prefix == null) {
      return null;
    }
    String id = idBetween(address, prefix, ".events");
    return id != null ? id : idBetween(address, prefix, "");
  }

  // ---- internal: presence-service ----
  /**
   * The presence-service consumer, registered on every node that runs presence-service. Bodies carry
   * an {@code action} field: update, heartbeat, leave, list, stats, hello (see docs/presence.md).
   *
   * <p>All the messages of one client must reach the same presence-service instance (its throttle and
   * its ownership of the client's entry live there). The web tier therefore sends them with
   * {@code setLocalOnly(true)} when its node runs presence-service; otherwise it sends
   * {@code {"action":"hello"}} here once per socket (the cluster picks an instance) and sends every
   * later message of that socket to the {@code address} of the reply ({@link #presenceNode(String)});
   * if that node is gone (NO_HANDLERS, timeout) it says hello again and re-sends the current state.
   */
  public static final String PRESENCE_SERVICE = "verso.presence";

  /** The presence-service instance of one node (the {@code address} of a {@code hello} reply). */
  public static String presenceNode(String nodeId) {
    return "verso.presence.node." + nodeId;
  }
}
