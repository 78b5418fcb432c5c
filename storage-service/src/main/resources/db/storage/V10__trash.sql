-- Trash (issue 26): deleting a document moves it to its owners' trash instead of destroying it.
-- While trashed_at is set the document is nobody's (no role, not listed, not loaded, no append);
-- its owners list, restore or delete it forever, and it is purged with everything it holds once
-- trashed_at is older than docs.trashDays. trashed_by is the owner who moved it there.
ALTER TABLE documents ADD COLUMN trashed_at timestamptz NULL;
ALTER TABLE documents ADD COLUMN trashed_by text NULL;
-- The purge and the trash list scan only trashed documents.
CREATE INDEX documents_trashed_idx ON documents (trashed_at) WHERE trashed_at IS NOT NULL;
