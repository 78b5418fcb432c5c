#!/bin/sh
# Makes what a secured Verso cluster needs, with openssl: a certificate authority for this cluster
# alone, a certificate and key per node signed by it, and the cluster secret.
#   docker/cluster-certs.sh [DIR] [NODE...]        (defaults: docker/secrets verso1 verso2 verso3)
# Writes DIR/ca.pem, DIR/<node>.pem, DIR/<node>-key.pem (PKCS#8), DIR/cluster-secret, and the
# authority's key DIR/ca-key.pem: move that one off the machine (it makes members) and keep it to
# add nodes later (the script reuses an existing ca.pem/ca-key.pem and secret).
# DIR is 0700, so only you reach the files on the host; the files themselves are readable (0644)
# because the container's user differs from yours and compose bind-mounts secrets as they are.
set -eu
DIR=${1:-"$(dirname "$0")/secrets"}
[ $# -gt 0 ] && shift
NODES=${*:-"verso1 verso2 verso3"}
DAYS=825
umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"
cd "$DIR"
if [ ! -f ca.pem ] || [ ! -f ca-key.pem ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days "$DAYS" \
    -subj "/CN=verso-cluster-ca" -keyout ca-key.pem -out ca.pem \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
fi
if [ ! -f cluster-secret ]; then
  openssl rand -hex 32 > cluster-secret
fi
EXT=$(mktemp)
trap 'rm -f "$EXT"' EXIT
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' > "$EXT"
for NODE in $NODES; do
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$NODE" \
    -keyout "$NODE-key.pem" -out "$NODE.csr"
  openssl x509 -req -in "$NODE.csr" -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days "$DAYS" \
    -extfile "$EXT" -out "$NODE.pem"
  rm -f "$NODE.csr"
  chmod 644 "$NODE.pem" "$NODE-key.pem"
done
chmod 644 ca.pem cluster-secret
echo "cluster credentials in $(pwd): ca.pem, cluster-secret, $(for n in $NODES; do printf '%s.pem %s-key.pem ' "$n" "$n"; done)"
