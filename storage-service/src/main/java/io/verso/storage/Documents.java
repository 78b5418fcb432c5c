package io.verso.storage;

import io.verso.protocol.ErrorCode;
import io.verso.protocol.VersoException;
import io.verso.protocol.Fields;
import io.verso.protocol.storage.DocCreateRequest;
import io.verso.protocol.storage.DocListRequest;
import io.verso.protocol.storage.DocRecord;
import io.verso.protocol.storage.DocSummary;
import io.verso.protocol.storage.Member;
import io.verso.protocol.storage.MemberRequest;
import io.verso.protocol.storage.SearchWords;
import io.verso.protocol.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Documents and their members. */
final class Documents {
  private final Db db;

  Documents(Db db) {
    this.db = db;
  }

  /** Creates a document and its owner membership in one transaction. */
  Future<DocRecord> create(DocCreateRequest r) {
    String id = Ids.random();
    return db.tx(c -> c.preparedQuery(Sql.INSERT_DOC).execute(Tuple.of(id, r.title(), r.ownerId()))
        .compose(rows -> c.preparedQuery(Sql.PUT_MEMBER).execute(Tuple.of(id, r.ownerId(), Role.OWNER.wire()))
            .map(v -> toDoc(rows.iterator().next()))));
  }

  Future<DocRecord> get(String docId) {
    return db.run(c -> c.preparedQuery(Sql.GET_DOC).execute(Tuple.of(docId)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(AppendFailures.noDocument(docId))
        : Future.succeededFuture(toDoc(rows.iterator().next()))));
  }

  Future<DocRecord> rename(String docId, String title) {
    return db.run(c -> c.preparedQuery(Sql.RENAME_DOC).execute(Tuple.of(docId, title)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(AppendFailures.noDocument(docId))
        : Future.succeededFuture(toDoc(rows.iterator().next()))));
  }

  /**
   * Deletes a document; its members and snapshots go with it (ON DELETE CASCADE), its ops in the same
   * transaction. The document row first: deleting it waits for an append that holds it (the head CAS)
   * to commit, so the ops deleted next (a new snapshot) include that append's, and any later append
   * fails its CAS.
   */
  Future<Void> delete(String docId) {
    return db.tx(c -> c.preparedQuery(Sql.DELETE_DOC).execute(Tuple.of(docId)).compose(rs -> rs.rowCount() == 0
        ? Future.failedFuture(AppendFailures.noDocument(docId))
        : c.preparedQuery(Sql.DELETE_DOC_OPS).execute(Tuple.of(docId)).<Void>mapEmpty()));
  }

  /**
   * The live documents a user is a member of that the request picks, in its order (last edited first
   * by default); with a query, those whose title contains it or whose indexed text has a word
   * beginning with each of its words, each saying which ({@link DocSummary#match}).
   */
  Future<List<DocSummary>> list(DocListRequest req) {
    if (req.userId() == null) {
      return Future.failedFuture(Fields.bad("userId is required"));
    }
    boolean search = req.query() != null;
    boolean byTitle = req.sort() == DocListRequest.Sort.TITLE;
    String sql = search
        ? (byTitle ? Sql.SEARCH_DOCS_BY_TITLE : Sql.SEARCH_DOCS)
        : (byTitle ? Sql.LIST_DOCS_BY_TITLE : Sql.LIST_DOCS);
    Tuple args = Tuple.of(req.userId(), req.likePattern(), roles(req.filter()), req.limit());
    if (search) {
      args.addString(SearchWords.prefixQuery(req.words()));
    }
    return db.run(c -> c.preparedQuery(sql).execute(args).map(rows -> {
      List<DocSummary> docs = new ArrayList<>(rows.size());
      for (Row r : rows) {
        String match = search ? (r.getBoolean("in_title") ? DocSummary.TITLE : DocSummary.TEXT) : null;
        docs.add(new DocSummary(r.getString("id"), r.getString("title"), Role.of(r.getString("role")),
            r.getLong("updated_ms"), match));
      }
      return docs;
    }));
  }

  /** The member roles a list filter keeps: the owner's own documents, or those shared with the user. */
  private static String[] roles(DocListRequest.Filter filter) {
    return switch (filter) {
      case MINE -> new String[] {Role.OWNER.wire()};
      case SHARED -> new String[] {Role.EDITOR.wire(), Role.COMMENTER.wire(), Role.VIEWER.wire()};
      case ALL -> new String[] {Role.OWNER.wire(), Role.EDITOR.wire(), Role.COMMENTER.wire(), Role.VIEWER.wire()};
    };
  }

  Future<List<Member>> members(String docId) {
    return db.run(c -> c.preparedQuery(Sql.LIST_MEMBERS).execute(Tuple.of(docId)).compose(rows -> {
      if (rows.size() == 0) {
        return c.preparedQuery(Sql.DOC_EXISTS).execute(Tuple.of(docId)).compose(doc -> doc.size() == 0
            ? Future.failedFuture(AppendFailures.noDocument(docId))
            : Future.succeededFuture(List.<Member>of()));
      }
      List<Member> members = new ArrayList<>(rows.size());
      for (Row r : rows) {
        members.add(new Member(r.getString("user_id"), r.getString("username"), r.getString("display_name"),
            Role.of(r.getString("role"))));
      }
      return Future.succeededFuture(members);
    }));
  }

  /** The member's role, or null when the user is not a member (or the document does not exist). */
  Future<Role> role(String docId, String userId) {
    return db.run(c -> c.preparedQuery(Sql.GET_MEMBER).execute(Tuple.of(docId, userId))
        .map(rows -> rows.size() == 0 ? null : Role.of(rows.iterator().next().getString(0))));
  }

  /**
   * Adds the member or changes its role; NOT_FOUND for an unknown document, CONFLICT when it would
   * demote the document's last owner.
   */
  Future<Void> putMember(MemberRequest r) {
    return db.tx(c -> lockMembers(c, r.docId()).compose(found -> found
        ? keepsAnOwner(c, r.docId(), r.userId(), r.role())
            .compose(v -> c.preparedQuery(Sql.PUT_MEMBER).execute(Tuple.of(r.docId(), r.userId(), r.role().wire())))
            .<Void>mapEmpty()
        : Future.failedFuture(AppendFailures.noDocument(r.docId()))));
  }

  /** Removes the member (false when it was none); CONFLICT when it is the document's last owner. */
  Future<Boolean> removeMember(String docId, String userId) {
    return db.tx(c -> lockMembers(c, docId).compose(found -> found
        ? keepsAnOwner(c, docId, userId, null)
            .compose(v -> c.preparedQuery(Sql.REMOVE_MEMBER).execute(Tuple.of(docId, userId)))
            .map(rs -> rs.rowCount() > 0)
        : Future.succeededFuture(false)));
  }

  /** Locks the document for a membership change; false when there is no such document. */
  private static Future<Boolean> lockMembers(SqlConnection c, String docId) {
    return c.preparedQuery(Sql.LOCK_DOC_MEMBERS).execute(Tuple.of(docId)).map(rows -> rows.size() > 0);
  }

  /**
   * A document always keeps an owner: taking the owner role from a member ({@code newRole} not owner,
   * or null for a removal) needs another owner. Runs under {@link #lockMembers}, so two owners
   * stepping down at once cannot both pass it.
   */
  private static Future<Void> keepsAnOwner(SqlConnection c, String docId, String userId, Role newRole) {
    if (newRole == Role.OWNER) {
      return Future.succeededFuture();
    }
    return c.preparedQuery(Sql.OWNER_CHECK).execute(Tuple.of(docId, userId)).compose(rows -> {
      Row row = rows.iterator().next();
      boolean lastOwner = Role.OWNER.wire().equals(row.getString("role")) && row.getLong("other_owners") == 0;
      return lastOwner
          ? Future.failedFuture(new VersoException(ErrorCode.CONFLICT, "the last owner cannot leave or be demoted"))
          : Future.succeededFuture();
    });
  }

  private static DocRecord toDoc(Row r) {
    return new DocRecord(r.getString("id"), r.getString("title"), r.getString("owner_id"), r.getLong("head_rev"),
        r.getLong("created_ms"), r.getLong("updated_ms"));
  }
}
