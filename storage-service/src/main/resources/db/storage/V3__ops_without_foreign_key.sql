-- The op log's foreign key to documents is dropped: its check ran a lookup and a row lock on
-- documents for EVERY inserted op (about 15% of an append's cost in PostgreSQL), although an op is
-- only ever inserted together with the compare-and-set of its document's head_rev in the same
-- transaction, which already fails for a missing document. Deleting a document now deletes its ops
-- explicitly, in the same transaction, after the document row (see Documents.delete).
ALTER TABLE ops DROP CONSTRAINT ops_doc_id_fkey;
