-- Version history's page cache: the entries of one complete block of 1000 revisions (block b holds
-- revisions b*1000+1 .. b*1000+1000), grouped with a gap of gap_ms. Exact because an entry never
-- crosses a block edge and a complete block's ops never change; naming or unnaming a revision
-- deletes its block's row, and a reader checks a row's names against versions before using it.
CREATE TABLE history_blocks (
  doc_id  text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  block   bigint NOT NULL CHECK (block >= 0),
  gap_ms  bigint NOT NULL CHECK (gap_ms > 0),
  entries jsonb NOT NULL,
  PRIMARY KEY (doc_id, block)
);
