-- Verso storage schema v1. Times are timestamptz (server clock); ops carry the sequencer's ts too.

CREATE TABLE users (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
  id         text PRIMARY KEY,
  title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  owner_id   text NOT NULL,
  head_rev   bigint NOT NULL DEFAULT 0 CHECK (head_rev >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  doc_id  text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  role    text NOT NULL CHECK (role IN ('owner', 'editor', 'commenter', 'viewer')),
  PRIMARY KEY (doc_id, user_id)
);
CREATE INDEX members_user_idx ON members (user_id);

-- The op log. The primary key and the unique key are the fence against a stale second sequencer.
CREATE TABLE ops (
  doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rev        bigint NOT NULL CHECK (rev > 0),
  client_id  text NOT NULL,
  client_seq bigint NOT NULL,
  user_id    text NOT NULL,
  ts         bigint NOT NULL,
  ops        jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id, rev),
  CONSTRAINT ops_client_seq_key UNIQUE (doc_id, client_id, client_seq)
);

CREATE TABLE snapshots (
  doc_id     text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  rev        bigint NOT NULL CHECK (rev >= 0),
  content    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id, rev)
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id  text NOT NULL,
  user_id    text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
