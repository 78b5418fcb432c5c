-- Access-token signing keys no longer live in the database: a private key here was readable by
-- anyone with database access or a backup, and was handed to any event-bus caller. Keys now come
-- from files (a mounted secret) or are generated in the data directory; see docs/auth.md.
DROP TABLE IF EXISTS signing_keys;
