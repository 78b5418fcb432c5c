-- Content search of the document list (issue 26): the distinct words of each document's text as of
-- its latest snapshot (rev), made by storage-service (SearchText: the same split and lower-casing as
-- the query's words, so no text search configuration is involved) and stored as lexemes without
-- positions. The list matches each query word as a prefix ('word':*), which the GIN index answers.
-- Kept current in the transaction that saves a snapshot (every edit.snapshotEvery revisions and when
-- a document unloads), only ever moving forward in rev. It goes with its document (purge: cascade);
-- a trashed document keeps its row and is hidden by the list's trashed_at filter, as before.
-- V13_1 fills it from each existing document's latest snapshot.
CREATE TABLE doc_search (
  doc_id text     PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  rev    bigint   NOT NULL,
  words  tsvector NOT NULL
);
CREATE INDEX doc_search_words_idx ON doc_search USING gin (words);
