-- Content search of the document list (issue 26): the distinct words of each document's text as of
-- its latest snapshot (rev), made by storage-service (SearchText: the same split and lower-casing as
-- the query's words, so no text search configuration is involved) and stored as lexemes without
-- positions. The list matches each query word as a prefix ('word':*).
-- No GIN index: the list probes this table by primary key for each of the user's own documents (a
-- correlated EXISTS), so a search costs what the user's documents cost, whatever the installation's
-- size; an index over every document's words answers from posting lists that grow with all of them
-- (14-34 ms at 20,000 documents, where the probe takes 0.25 ms for a user of 20) and would be paid
-- on every snapshot save.
-- Kept current in the transaction that saves a snapshot (every edit.snapshotEvery revisions and when
-- a document unloads), only ever moving forward in rev. It goes with its document (purge: cascade);
-- a trashed document keeps its row and is hidden by the list's trashed_at filter, as before.
-- V13_1 fills it from each existing document's latest snapshot.
CREATE TABLE doc_search (
  doc_id text     PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  rev    bigint   NOT NULL,
  words  tsvector NOT NULL
);
