package io.verso.storage;

/** Every SQL statement of storage-service (all run as prepared statements). */
final class Sql {
  private Sql() {}

  static final String PING = "SELECT 1";

  // ---- op log ----
  /**
   * The group commit's fast path in ONE statement (auto-committed): moves the heads of the chains
   * whose head still matches ($1 ids, $2 expected heads, $3 new heads) and inserts the ops of exactly
   * those chains ($4..$10 as in {@link #INSERT_OPS}). Returns the ids that moved.
   */
  static final String APPEND_CHAINS =
      "WITH moved AS ("
          + "UPDATE documents d SET head_rev = v.last, updated_at = now() "
          + "FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS v(id, expected, last) "
          + "WHERE d.id = v.id AND d.head_rev = v.expected AND d.trashed_at IS NULL RETURNING d.id), "
          + "ins AS (INSERT INTO ops (doc_id, rev, client_id, client_seq, user_id, ts, ops) "
          + "SELECT o.d, o.r, o.c, o.s, o.u, o.t, o.j::jsonb "
          + "FROM unnest($4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::text[], $9::bigint[], $10::text[]) "
          + "AS o(d, r, c, s, u, t, j) WHERE o.d IN (SELECT id FROM moved)) "
          + "SELECT id FROM moved";
  /** Compare-and-set of one document's head: $1 id, $2 expected, $3 new head (never of a trashed document). */
  static final String CAS_HEAD =
      "UPDATE documents SET head_rev = $3, updated_at = now() WHERE id = $1 AND head_rev = $2 AND trashed_at IS NULL";
  /** Multi-row insert of ops (of any documents) from parallel arrays. */
  static final String INSERT_OPS =
      "INSERT INTO ops (doc_id, rev, client_id, client_seq, user_id, ts, ops) "
          + "SELECT d, r, c, s, u, t, o::jsonb "
          + "FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[]) "
          + "AS v(d, r, c, s, u, t, o)";
  /**
   * The original revs of already committed (clientId, seq) of the same users in one document: $1 doc,
   * $2 clients, $3 seqs, $4 users (one user's op is never another's duplicate).
   */
  static final String FIND_DUPLICATES =
      "SELECT o.rev FROM ops o JOIN unnest($2::text[], $3::bigint[], $4::text[]) AS v(c, s, u) "
          + "ON o.client_id = v.c AND o.client_seq = v.s AND o.user_id = v.u WHERE o.doc_id = $1 ORDER BY o.rev LIMIT 1";
  /** Serialises the image inserts of one document (its quota check), for the rest of the transaction: $1 doc. */
  static final String LOCK_IMAGES = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('verso.images:' || $1::text, 0))";
  /**
   * An image, only while the document stays within its limits: $1 doc, $2 image, $3 user, $4 type,
   * $5 etag, $6 size, $7 bytes, $8 most images, $9 most bytes. No row inserted: over the limits.
   */
  static final String PUT_IMAGE =
      "INSERT INTO images (doc_id, image_id, user_id, content_type, etag, size, bytes) "
          + "SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::integer, $7::bytea "
          + "FROM (SELECT count(*) AS n, coalesce(sum(size), 0) AS total FROM images WHERE doc_id = $1::text) used "
          + "WHERE used.n < $8::bigint AND used.total + $6::integer <= $9::bigint";
  static final String GET_IMAGE = "SELECT content_type, etag, bytes FROM images WHERE doc_id = $1 AND image_id = $2";
  /** A live document's head; a trashed one is missing for every reader and writer but the trash's own statements. */
  static final String DOC_EXISTS = "SELECT head_rev FROM documents WHERE id = $1 AND trashed_at IS NULL";
  static final String SAVEPOINT = "SAVEPOINT req";
  static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT req";
  static final String RELEASE_SAVEPOINT = "RELEASE SAVEPOINT req";

  static final String OP_COLUMNS = "rev, client_id, client_seq, user_id, ts, ops";
  static final String OPS_RANGE =
      "SELECT " + OP_COLUMNS + " FROM ops WHERE doc_id = $1 AND rev > $2 AND rev <= $3 ORDER BY rev LIMIT $4";
  static final String OPS_AFTER =
      "SELECT " + OP_COLUMNS + " FROM ops WHERE doc_id = $1 AND rev > $2 AND rev <= $3 ORDER BY rev";
  /**
   * Ops in a range while their JSON fits a byte budget (the first always): $1 doc, $2 from
   * (exclusive), $3 to, $4 count limit, $5 bytes. The running sum covers only the rows the limit
   * lets through.
   */
  static final String OPS_RANGE_BYTES =
      "SELECT " + OP_COLUMNS + " FROM (SELECT *, sum(size) OVER (ORDER BY rev) AS upto FROM ("
          + "SELECT " + OP_COLUMNS + ", octet_length(ops::text) AS size FROM ops "
          + "WHERE doc_id = $1 AND rev > $2 AND rev <= $3 ORDER BY rev LIMIT $4) head) page "
          + "WHERE upto <= $5 OR upto = size ORDER BY rev";
  static final String FIND_OP =
      "SELECT rev FROM ops WHERE doc_id = $1 AND client_id = $2 AND client_seq = $3 AND user_id = $4";
  /** Each client's highest seq (its user and rev) up to a head. */
  static final String CLIENT_SEQS =
      "SELECT DISTINCT ON (client_id) client_id, user_id, client_seq, rev FROM ops "
          + "WHERE doc_id = $1 AND rev <= $2 ORDER BY client_id, client_seq DESC";
  static final String LATEST_SNAPSHOT =
      "SELECT rev, content, authorship FROM snapshots WHERE doc_id = $1 AND rev <= $2 ORDER BY rev DESC LIMIT 1";
  /** Saves a snapshot if the document exists and its head is at or past the rev; idempotent. */
  static final String SAVE_SNAPSHOT =
      "INSERT INTO snapshots (doc_id, rev, content, authorship) SELECT id, $2, $3::jsonb, $4::jsonb FROM documents "
          + "WHERE id = $1 AND head_rev >= $2 ON CONFLICT (doc_id, rev) DO NOTHING";
  /**
   * The content search index of document $1 at rev $2: lexemes $3 ({@link SearchText}, taken as they
   * are, no parsing). Only over an older rev: a late save of an older snapshot never takes it back.
   */
  static final String INDEX_TEXT =
      "INSERT INTO doc_search (doc_id, rev, words) VALUES ($1, $2, array_to_tsvector($3::text[])) "
          + "ON CONFLICT (doc_id) DO UPDATE SET rev = EXCLUDED.rev, words = EXCLUDED.words WHERE doc_search.rev < EXCLUDED.rev";
  /**
   * Keeps the $2 latest snapshots of a document and the first of each block of
   * {@link OpLog#CHECKPOINT_BLOCK} revisions (history opens any revision from one of those).
   */
  static final String PRUNE_SNAPSHOTS =
      "DELETE FROM snapshots WHERE doc_id = $1 AND rev IN (SELECT rev FROM (SELECT rev, "
          + "row_number() OVER (ORDER BY rev DESC) AS newest, "
          + "row_number() OVER (PARTITION BY rev / " + OpLog.CHECKPOINT_BLOCK + " ORDER BY rev) AS in_block "
          + "FROM snapshots WHERE doc_id = $1) s WHERE newest > $2 AND in_block > 1)";

  // ---- version history ----
  /** Op metadata with the version name at each rev (ops o, versions v): the history queries' common head. */
  private static final String OP_META =
      "SELECT o.rev, o.user_id, o.ts, v.name, o.client_id FROM ops o LEFT JOIN versions v ON v.doc_id = o.doc_id AND v.rev = o.rev ";
  /**
   * Metadata of the ops before a rev, newest first, with the version name at each: $1 doc, $2 before
   * (exclusive), $3 limit. Never the deltas.
   */
  static final String HISTORY_META =
      OP_META + "WHERE o.doc_id = $1 AND o.rev < $2 ORDER BY o.rev DESC LIMIT $3";
  /** The head and the latest snapshot at or before $2 (null columns when none); no row: no document. */
  static final String SNAPSHOT_AT =
      "SELECT d.head_rev, s.rev, s.content FROM documents d LEFT JOIN LATERAL ("
          + "SELECT rev, content FROM snapshots WHERE doc_id = d.id AND rev <= $2 ORDER BY rev DESC LIMIT 1) s ON true "
          + "WHERE d.id = $1";
  /**
   * Names rev $2 ($3, by $4) if the document exists and its head is at or past it; replaces a name.
   * Drops the cached entries of its block in the same statement (a name moves a boundary in it).
   */
  static final String PUT_VERSION =
      "WITH put AS (INSERT INTO versions (doc_id, rev, name, user_id) SELECT id, $2::bigint, $3, $4 FROM documents "
          + "WHERE id = $1 AND head_rev >= $2::bigint ON CONFLICT (doc_id, rev) "
          + "DO UPDATE SET name = EXCLUDED.name, user_id = EXCLUDED.user_id, created_at = now() RETURNING rev, name), "
          + dropBlockOfRevIfAny("put") + " SELECT rev, name FROM put";
  /** Removes rev $2's name (a row when it had one) and its block's cached entries, in one statement. */
  static final String DELETE_VERSION =
      "WITH del AS (DELETE FROM versions WHERE doc_id = $1 AND rev = $2::bigint RETURNING rev), "
          + dropBlockOfRevIfAny("del") + " SELECT rev FROM del";

  /**
   * The CTE {@code gone} that drops the cached entries of rev $2's block (doc $1) when {@code cte}
   * returned a row: naming or unnaming a rev moves an entry boundary in that block.
   */
  private static String dropBlockOfRevIfAny(String cte) {
    return "gone AS (DELETE FROM history_blocks WHERE doc_id = $1 AND block = ($2::bigint - 1) / " + HistoryBlocks.BLOCK
        + " AND EXISTS (SELECT 1 FROM " + cte + "))";
  }

  /** Op metadata of revisions $2 (excl.) .. $3 (incl.), oldest first: what a block is grouped from. */
  static final String HISTORY_META_RANGE =
      OP_META + "WHERE o.doc_id = $1 AND o.rev > $2 AND o.rev <= $3 ORDER BY o.rev";
  /**
   * Cached blocks $2..$3 with the names their revisions have now, [[rev, name]…] ascending: a row
   * computed while a name changed is told apart from a fresh one by them.
   */
  static final String HISTORY_BLOCKS =
      "SELECT b.block, b.gap_ms, b.entries, (SELECT coalesce(jsonb_agg(jsonb_build_array(v.rev, v.name) ORDER BY v.rev), "
          + "'[]'::jsonb) FROM versions v WHERE v.doc_id = b.doc_id AND v.rev > b.block * " + HistoryBlocks.BLOCK
          + " AND v.rev <= (b.block + 1) * " + HistoryBlocks.BLOCK + ") FROM history_blocks b "
          + "WHERE b.doc_id = $1 AND b.block BETWEEN $2 AND $3";
  /** Stores computed blocks, $3 = [[block, entries]…] grouped with gap $2, replacing older rows. */
  static final String PUT_HISTORY_BLOCKS =
      "INSERT INTO history_blocks (doc_id, block, gap_ms, entries) SELECT $1, (x ->> 0)::bigint, $2, x -> 1 "
          + "FROM jsonb_array_elements($3::jsonb) x ON CONFLICT (doc_id, block) "
          + "DO UPDATE SET gap_ms = EXCLUDED.gap_ms, entries = EXCLUDED.entries";
  /** Named versions before $2, newest first, with their op's ts: $1 doc, $3 limit. */
  static final String LIST_VERSIONS =
      "SELECT v.rev, v.name, v.user_id, o.ts FROM versions v JOIN ops o ON o.doc_id = v.doc_id AND o.rev = v.rev "
          + "WHERE v.doc_id = $1 AND v.rev < $2 ORDER BY v.rev DESC LIMIT $3";

  // ---- comments ----
  /** Every comment of a document with its thread, threads in creation order, comments oldest first. */
  static final String LOAD_COMMENTS =
      "SELECT t.thread_id, t.anchor_rev, t.anchor_index, t.anchor_length, t.anchor_detached, t.resolved, "
          + "t.resolved_by, t.resolved_ts, c.comment_id, c.user_id, c.name, c.text, c.ts, c.edited_ts "
          + "FROM comment_threads t JOIN comments c ON c.doc_id = t.doc_id AND c.thread_id = t.thread_id "
          + "WHERE t.doc_id = $1 ORDER BY t.pos, c.pos";
  /**
   * A thread ($1 doc, $2 id, $3..$9 anchor and resolution) and its comments (parallel arrays $10..$15,
   * inserted in their order) in one statement: the comments' foreign key sees the thread at its end.
   */
  static final String CREATE_THREAD =
      "WITH t AS (INSERT INTO comment_threads (doc_id, thread_id, anchor_index, anchor_length, anchor_detached, "
          + "anchor_rev, resolved, resolved_by, resolved_ts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          + "RETURNING doc_id, thread_id) "
          + "INSERT INTO comments (doc_id, thread_id, comment_id, user_id, name, text, ts, edited_ts) "
          + "SELECT t.doc_id, t.thread_id, c.id, c.u, c.n, c.x, c.ts, c.e FROM t, "
          + "unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[], $15::bigint[]) "
          + "WITH ORDINALITY AS c(id, u, n, x, ts, e, ord) ORDER BY c.ord";
  static final String ADD_COMMENT =
      "INSERT INTO comments (doc_id, thread_id, comment_id, user_id, name, text, ts, edited_ts) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  static final String EDIT_COMMENT =
      "UPDATE comments SET text = $4, edited_ts = $5 WHERE doc_id = $1 AND thread_id = $2 AND comment_id = $3";
  static final String DELETE_COMMENT = "DELETE FROM comments WHERE doc_id = $1 AND thread_id = $2 AND comment_id = $3";
  static final String DELETE_THREAD = "DELETE FROM comment_threads WHERE doc_id = $1 AND thread_id = $2";
  static final String RESOLVE_THREAD =
      "UPDATE comment_threads SET resolved = $3, resolved_by = $4, resolved_ts = $5 WHERE doc_id = $1 AND thread_id = $2";
  /** Anchors at rev $2 ($3 ids, $4 indexes, $5 lengths, $6 detached) over the threads of doc $1 whose anchor is older. */
  static final String SAVE_ANCHORS =
      "UPDATE comment_threads t SET anchor_index = a.i, anchor_length = a.l, anchor_detached = a.d, anchor_rev = $2 "
          + "FROM unnest($3::text[], $4::int[], $5::int[], $6::boolean[]) AS a(id, i, l, d) "
          + "WHERE t.doc_id = $1 AND t.thread_id = a.id AND t.anchor_rev < $2";

  // ---- documents ----
  static final String DOC_COLUMNS =
      "id, title, owner_id, head_rev, (extract(epoch FROM created_at) * 1000)::bigint AS created_ms, "
          + "(extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms";
  static final String INSERT_DOC =
      "INSERT INTO documents (id, title, owner_id) VALUES ($1, $2, $3) RETURNING " + DOC_COLUMNS;
  static final String GET_DOC = "SELECT " + DOC_COLUMNS + " FROM documents WHERE id = $1 AND trashed_at IS NULL";
  static final String RENAME_DOC =
      "UPDATE documents SET title = $2, updated_at = now() WHERE id = $1 AND trashed_at IS NULL RETURNING " + DOC_COLUMNS;
  static final String DELETE_DOC = "DELETE FROM documents WHERE id = $1";
  static final String DELETE_DOC_OPS = "DELETE FROM ops WHERE doc_id = $1";
  /**
   * The live documents of member $1 whose title contains $2 (a LIKE pattern, escaped by the caller,
   * '%' for all), of roles $3 (text[]: owner for "mine", the others for "shared"), at most $4.
   */
  private static final String LIST_DOCS_HEAD =
      "SELECT d.id, d.title, m.role, (extract(epoch FROM d.updated_at) * 1000)::bigint AS updated_ms "
          + "FROM members m JOIN documents d ON d.id = m.doc_id WHERE m.user_id = $1 AND d.trashed_at IS NULL "
          + "AND d.title ILIKE $2 ESCAPE '\\' AND m.role = ANY($3::text[]) ";
  /** Last edited first. */
  static final String LIST_DOCS = LIST_DOCS_HEAD + "ORDER BY d.updated_at DESC, d.id LIMIT $4";
  /** By title, case-insensitively. */
  static final String LIST_DOCS_BY_TITLE = LIST_DOCS_HEAD + "ORDER BY lower(d.title), d.title, d.id LIMIT $4";
  /**
   * A search: the live documents of member $1, of roles $3, whose title contains $2 (as in
   * {@link #LIST_DOCS_HEAD}) or whose indexed text matches $5, a tsquery built by
   * {@code SearchWords.prefixQuery} (each word quoted: no syntax of the user's; null: the title
   * only), at most $4; {@code in_title} tells the two apart. The text side is a correlated EXISTS
   * under the OR, so PostgreSQL probes {@code doc_search} by primary key for each of the user's
   * documents: the cost follows the user's document count, never the installation's. (An
   * {@code IN (SELECT … WHERE words @@ …)} is hashed from a scan of every document's words, 55 ms at
   * 20,000 documents for a user of 20, growing with the table: see docs/BENCHMARKS.md.)
   */
  private static final String SEARCH_DOCS_HEAD =
      "SELECT d.id, d.title, m.role, (extract(epoch FROM d.updated_at) * 1000)::bigint AS updated_ms, "
          + "d.title ILIKE $2 ESCAPE '\\' AS in_title "
          + "FROM members m JOIN documents d ON d.id = m.doc_id WHERE m.user_id = $1 AND d.trashed_at IS NULL "
          + "AND m.role = ANY($3::text[]) AND (d.title ILIKE $2 ESCAPE '\\' "
          + "OR EXISTS (SELECT 1 FROM doc_search s WHERE s.doc_id = d.id AND s.words @@ $5::text::tsquery)) ";
  static final String SEARCH_DOCS = SEARCH_DOCS_HEAD + "ORDER BY d.updated_at DESC, d.id LIMIT $4";
  static final String SEARCH_DOCS_BY_TITLE = SEARCH_DOCS_HEAD + "ORDER BY lower(d.title), d.title, d.id LIMIT $4";

  // ---- trash ----
  /** Moves a live document to the trash ($2: who); a row when it did. Waits for an append holding the row. */
  static final String TRASH_DOC =
      "UPDATE documents SET trashed_at = now(), trashed_by = $2 WHERE id = $1 AND trashed_at IS NULL RETURNING id";
  /** Takes a trashed document out of the trash; a row when it did. */
  static final String RESTORE_DOC =
      "UPDATE documents SET trashed_at = NULL, trashed_by = NULL WHERE id = $1 AND trashed_at IS NOT NULL RETURNING id";
  /** The role member $2 had on trashed document $1 (no row: not trashed, or not a member). */
  static final String TRASHED_ROLE =
      "SELECT m.role FROM members m JOIN documents d ON d.id = m.doc_id "
          + "WHERE m.doc_id = $1 AND m.user_id = $2 AND d.trashed_at IS NOT NULL";
  /** The trashed documents user $1 owns, last trashed first, with when each is purged ($2 days after), at most $3. */
  static final String LIST_TRASH =
      "SELECT d.id, d.title, (extract(epoch FROM d.trashed_at) * 1000)::bigint AS trashed_ms, "
          + "(extract(epoch FROM d.trashed_at + $2::int * interval '1 day') * 1000)::bigint AS purge_ms "
          + "FROM members m JOIN documents d ON d.id = m.doc_id "
          + "WHERE m.user_id = $1 AND m.role = 'owner' AND d.trashed_at IS NOT NULL "
          + "ORDER BY d.trashed_at DESC, d.id LIMIT $3";
  /**
   * Deletes the documents trashed more than $1 days ago, at most $2, with everything they hold, in
   * one statement: members, snapshots, names, history blocks and comment threads go by their foreign
   * keys (ON DELETE CASCADE), ops (no foreign key since V3) explicitly. SKIP LOCKED: two nodes purging
   * at once take different documents, and a document being restored or written to (row locked) is
   * left for the next run.
   */
  static final String PURGE_TRASH = deleteTrashed(
      "trashed_at < now() - $1::int * interval '1 day' ORDER BY trashed_at LIMIT $2 FOR UPDATE SKIP LOCKED");
  /**
   * Deletes trashed document $1 for good, as the purge does. Its owner asked for this one: it waits
   * for a write in flight (a last snapshot of the sequencer unloading it holds the row by its foreign
   * key) instead of skipping it and answering that there is none.
   */
  static final String DELETE_TRASHED = deleteTrashed("id = $1 FOR UPDATE");

  private static String deleteTrashed(String which) {
    return "WITH doomed AS (SELECT id FROM documents WHERE trashed_at IS NOT NULL AND " + which + "), "
        + "gone AS (DELETE FROM documents d USING doomed WHERE d.id = doomed.id RETURNING d.id), "
        + "ops_gone AS (DELETE FROM ops WHERE doc_id IN (SELECT id FROM gone)) "
        + "SELECT id FROM gone";
  }

  // ---- members ----
  static final String PUT_MEMBER =
      "INSERT INTO members (doc_id, user_id, role) VALUES ($1, $2, $3) "
          + "ON CONFLICT (doc_id, user_id) DO UPDATE SET role = EXCLUDED.role";
  /** A member's role on a live document (none on a trashed one: its members lose access like strangers). */
  static final String GET_MEMBER =
      "SELECT m.role FROM members m JOIN documents d ON d.id = m.doc_id "
          + "WHERE m.doc_id = $1 AND m.user_id = $2 AND d.trashed_at IS NULL";
  static final String REMOVE_MEMBER = "DELETE FROM members WHERE doc_id = $1 AND user_id = $2";
  /**
   * Serialises the membership changes of one document (taken first in their transaction): the
   * "an owner remains" check that follows then sees every change committed before it. NO KEY
   * UPDATE, the weakest lock that excludes itself.
   */
  static final String LOCK_DOC_MEMBERS =
      "SELECT id FROM documents WHERE id = $1 AND trashed_at IS NULL FOR NO KEY UPDATE";
  /** The member's current role ($2) and how many owners the document has besides that member. */
  static final String OWNER_CHECK =
      "SELECT (SELECT role FROM members WHERE doc_id = $1 AND user_id = $2) AS role, "
          + "(SELECT count(*) FROM members WHERE doc_id = $1 AND role = 'owner' AND user_id <> $2) AS other_owners";
  static final String LIST_MEMBERS =
      "SELECT m.user_id, coalesce(u.username, m.user_id) AS username, "
          + "coalesce(u.display_name, u.username, m.user_id) AS display_name, m.role FROM members m LEFT JOIN users u ON u.id = m.user_id "
          + "WHERE m.doc_id = $1 ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 "
          + "WHEN 'commenter' THEN 2 ELSE 3 END, u.username, m.user_id";

  // ---- users ----
  static final String INSERT_USER =
      "INSERT INTO users (id, username, display_name, password_hash) VALUES ($1, $2, $3, $4)";
  static final String USER_BY_ID = "SELECT id, username, display_name, password_hash FROM users WHERE id = $1";
  static final String USER_BY_NAME =
      "SELECT id, username, display_name, password_hash FROM users WHERE username = $1";

  // ---- refresh tokens ----
  static final String INSERT_REFRESH =
      "INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)";
  /** $1 token hash, $2 the grace window in ms: whether it was used less than that long ago. */
  static final String LOCK_REFRESH =
      "SELECT family_id, user_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked, "
          + "expires_at <= now() AS expired, coalesce(used_at > now() - $2::bigint * interval '1 millisecond', false) AS in_grace "
          + "FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE";
  /** Whether $1 is an unused, unrevoked token of family $2 (the successor a grace answer repeats). */
  static final String LIVE_SUCCESSOR =
      "SELECT 1 FROM refresh_tokens WHERE token_hash = $1 AND family_id = $2 AND used_at IS NULL AND revoked_at IS NULL";
  static final String MARK_REFRESH_USED = "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1";
  static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1 RETURNING user_id";
  static final String FAMILY_OF_TOKEN = "SELECT family_id FROM refresh_tokens WHERE token_hash = $1";

  // ---- share links and people search (V11) ----
  static final String LINK_GET = "SELECT role, token_hash FROM share_links WHERE doc_id = $1";
  /** A new token (and role) for the document's link, replacing any: $1 doc, $2 role, $3 hash. */
  static final String LINK_UPSERT =
      "INSERT INTO share_links (doc_id, role, token_hash) VALUES ($1, $2, $3) "
          + "ON CONFLICT (doc_id) DO UPDATE SET role = excluded.role, token_hash = excluded.token_hash, updated_at = now()";
  /** The role of an existing link: $1 doc, $2 role. */
  static final String LINK_SET_ROLE = "UPDATE share_links SET role = $2, updated_at = now() WHERE doc_id = $1";
  static final String LINK_DELETE = "DELETE FROM share_links WHERE doc_id = $1";
  /**
   * Users whose username or display name starts with $1 (lower-case, LIKE wildcards escaped, ending
   * in %), at most $2, by username: each side answered by its prefix index.
   */
  static final String USER_SEARCH =
      "SELECT username, display_name FROM users WHERE lower(username) LIKE $1 "
          + "UNION SELECT username, display_name FROM users WHERE lower(display_name) LIKE $1 "
          + "ORDER BY username LIMIT $2";
}
