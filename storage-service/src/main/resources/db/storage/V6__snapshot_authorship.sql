-- Who wrote each character of a snapshot's content: runs [{length, userId|null}] covering it,
-- stored opaque like the content. NULL for snapshots saved before authorship was kept.
ALTER TABLE snapshots ADD COLUMN authorship jsonb NULL;
