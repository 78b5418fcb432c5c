#!/bin/bash
# One B4 run on a fresh node, with CPU per op (user and system), TCP segments and PostgreSQL's WAL per
# op measured over 20 s, 15 s after all 3,000 sockets are open.
# usage: bench/scripts/b4.sh RATE [SECONDS] [extra node JVM options]
#        JAVA=/path/to/java LOADGEN_OPTS="..." bench/scripts/b4.sh 5 40 "-XX:+UseCompactObjectHeaders"
#        CONFIG=other-server.json bench/scripts/b4.sh 5   (node configuration, default bench/bench-server.json)
# Run from the repository root after: mvn -B -q -pl app,bench -am package -DskipTests
set -u
R=${1:-5}; S=${2:-40}; EXTRA=${3:-}; J=${JAVA:-java}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf /tmp/verso-b4
$J -XX:MaxGCPauseMillis=20 -XX:G1RSetUpdatingPauseTimePercent=100 $EXTRA -jar app/target/verso.jar --http-port 18090 --data-dir /tmp/verso-b4 \
  --config "${CONFIG:-bench/bench-server.json}" > /tmp/verso-b4.log 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null' EXIT
for i in $(seq 1 120); do curl -sf localhost:18090/health/live >/dev/null 2>&1 && break; sleep 1; done
( for i in $(seq 1 300); do
    n=$(curl -s localhost:18090/metrics | awk '/^verso_web_sockets_open/{print int($2)}')
    [ "${n:-0}" -ge 3000 ] && break; sleep 1
  done
  sleep 15
  # the embedded PostgreSQL's port and password, for its WAL statistics
  PG_PORT=$(grep -o "listening on 127.0.0.1:[0-9]*" /tmp/verso-b4.log | head -1 | cut -d: -f2)
  PGPASSWORD=$(cat /tmp/verso-b4/pg/password 2>/dev/null)
  PG_PORT=$PG_PORT PGPASSWORD=$PGPASSWORD "$here/cpu-per-op.sh" 20 ) > /tmp/verso-b4-cpu.txt &
CPU=$!
$J ${LOADGEN_OPTS:-} -cp bench/target/benchmarks.jar io.verso.bench.load.LoadGen b4 --url http://localhost:18090/ \
  --docs 1000 --rate "$R" --seconds "$S" --warmup 10 ${LOADGEN_ARGS:-} 2>&1 | grep '^B4\|^second'
wait $CPU
cat /tmp/verso-b4-cpu.txt
