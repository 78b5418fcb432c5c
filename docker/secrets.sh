#!/bin/sh
# Makes every secret docker/docker-compose.yml mounts, with openssl, keeping those that exist:
#   docker/secrets.sh [DIR]                        (default: docker/secrets)
#   - ca.pem, ca-key.pem, verso1..3.pem and -key.pem, cluster-secret: the cluster (cluster-certs.sh;
#     move ca-key.pem off the machine afterwards, see there)
#   - signing-key.pem: the access-token signing key (PKCS#8 P-256), the same on every auth node
#   - pg-admin-password: PostgreSQL's superuser, for the postgres container alone
#   - pg-password: the role verso the nodes connect as (owns the verso database, nothing else)
#   - redis-password: Redis's requirepass
# The database passwords are taken when the postgres volume is first initialised: changing the files
# later changes nothing in the database (README, "With containers").
# DIR is 0700; the files are 0644 because the containers' users differ from yours and compose
# bind-mounts secrets as they are (as cluster-certs.sh does).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${1:-"$HERE/secrets"}
"$HERE/cluster-certs.sh" "$DIR" verso1 verso2 verso3
umask 077
cd "$DIR"
MADE=""
if [ ! -f signing-key.pem ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out signing-key.pem
  MADE="$MADE signing-key.pem"
fi
for F in pg-admin-password pg-password redis-password; do
  if [ ! -f "$F" ]; then
    # hex: safe in a URI, a Redis configuration line and SQL alike
    openssl rand -hex 32 > "$F"
    MADE="$MADE $F"
  fi
done
chmod 644 signing-key.pem pg-admin-password pg-password redis-password
echo "secrets in $(pwd); made now:${MADE:- nothing (all existed)}"
