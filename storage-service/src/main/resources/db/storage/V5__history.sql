-- Version history: the names users give to revisions ("Sent to legal"), at most one per revision.
-- user_id is who named it; the revision's time is its op's ts. The length check counts code points
-- (the protocol allows 100 UTF-16 units, never more code points).
CREATE TABLE versions (
  doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rev        bigint NOT NULL CHECK (rev > 0),
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  user_id    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id, rev)
);
