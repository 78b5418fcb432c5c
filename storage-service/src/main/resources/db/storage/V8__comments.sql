-- Comment threads (issue 24). A thread's anchor [anchor_index, anchor_index + anchor_length) in
-- UTF-16 units is valid at revision anchor_rev; the document's comment room moves it through the
-- committed ops and saves it with a newer revision (an older save never moves it back). pos keeps
-- the creation order (the list's order); a thread goes with its document. Its foreign key only takes
-- a KEY SHARE lock on the document row, which an append's head update (NO KEY UPDATE) never waits for.
CREATE TABLE comment_threads (
  doc_id          text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  thread_id       text NOT NULL,
  pos             bigint GENERATED ALWAYS AS IDENTITY,
  anchor_index    integer NOT NULL CHECK (anchor_index >= 0),
  anchor_length   integer NOT NULL CHECK (anchor_length >= 0),
  anchor_detached boolean NOT NULL,
  anchor_rev      bigint NOT NULL CHECK (anchor_rev >= 0),
  resolved        boolean NOT NULL DEFAULT false,
  resolved_by     text,
  resolved_ts     bigint,
  PRIMARY KEY (doc_id, thread_id)
);
-- The comments of a thread, oldest first by pos (insertion order: two replies of one millisecond
-- keep theirs). A comment id is unique in its document; deleting a thread deletes its comments.
CREATE TABLE comments (
  doc_id     text NOT NULL,
  thread_id  text NOT NULL,
  comment_id text NOT NULL,
  pos        bigint GENERATED ALWAYS AS IDENTITY,
  user_id    text NOT NULL,
  name       text NOT NULL,
  text       text NOT NULL,
  ts         bigint NOT NULL,
  edited_ts  bigint,
  PRIMARY KEY (doc_id, comment_id),
  CONSTRAINT comments_thread_fkey FOREIGN KEY (doc_id, thread_id)
    REFERENCES comment_threads (doc_id, thread_id) ON DELETE CASCADE
);
CREATE INDEX comments_thread_idx ON comments (doc_id, thread_id, pos);
