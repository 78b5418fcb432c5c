-- De-duplication never crosses users: the op log's uniqueness key holds the user, so one user's
-- (clientId, seq) can never count as another user's resend. The sequencer also binds each client id
-- to the first user that used it in the document. The new key keeps (doc_id, client_id, client_seq)
-- as its prefix, which the load's DISTINCT ON (client_id) and the duplicate lookups use.
ALTER TABLE ops ADD CONSTRAINT ops_client_seq_user_key UNIQUE (doc_id, client_id, client_seq, user_id);
ALTER TABLE ops DROP CONSTRAINT ops_client_seq_key;
