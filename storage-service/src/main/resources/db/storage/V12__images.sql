-- Images of a document (issue 26): uploaded through the web tier's images API, which sniffed their
-- type from their bytes; an op carries only the image's URL /api/docs/{doc_id}/images/{image_id}.
-- They go with their document (ON DELETE CASCADE) and stay while it lives, whether or not its text
-- still shows them: an undo, a restored revision or a history preview may show them again. etag is
-- the hex SHA-256 of the bytes. The per-document count and bytes limits are checked under a
-- transaction-scoped advisory lock of the document (PgBlobStore), so two uploads never both pass.
CREATE TABLE images (
  doc_id       text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  image_id     text NOT NULL,
  user_id      text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
  etag         text NOT NULL,
  size         integer NOT NULL CHECK (size > 0),
  bytes        bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id, image_id)
);
-- Large values are stored out of line anyway; no compression: the formats are compressed already.
ALTER TABLE images ALTER COLUMN bytes SET STORAGE EXTERNAL;
