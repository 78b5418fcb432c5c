#!/bin/sh
# Run once by the postgres image, as its superuser, when it initialises an empty volume
# (/docker-entrypoint-initdb.d): the role the Verso nodes connect as. It logs in and owns the verso
# database and its public schema, and nothing else: no superuser, no CREATEROLE, no CREATEDB, no
# replication, so a node (or whoever takes one over) reaches Verso's tables, never the server.
# Its password is the pg_password secret, read by psql itself (never an argument or variable of
# this shell); Verso creates the tables on its first start (migrations), owned by verso.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<'SQL'
\set pw `cat /run/secrets/pg_password`
CREATE ROLE verso LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'pw';
\unset pw
CREATE DATABASE verso OWNER verso;
REVOKE ALL ON DATABASE verso FROM PUBLIC;
\connect verso
ALTER SCHEMA public OWNER TO verso;
SQL
