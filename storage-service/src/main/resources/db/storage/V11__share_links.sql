-- Share by link: at most one link per document. Only the SHA-256 of its token is kept, so whoever
-- reads the database (or a backup) cannot open documents with it. Turning the link off deletes the
-- row: a link turned on again gets a new token, the old one never comes back.
CREATE TABLE share_links (
  doc_id     text PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  token_hash text NOT NULL CHECK (char_length(token_hash) = 64),
  role       text NOT NULL CHECK (role IN ('editor', 'commenter', 'viewer')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- People search: prefix match on username and display name, case-insensitive, answered by an index.
CREATE INDEX users_username_prefix_idx ON users (lower(username) text_pattern_ops);
CREATE INDEX users_display_name_prefix_idx ON users (lower(display_name) text_pattern_ops);
