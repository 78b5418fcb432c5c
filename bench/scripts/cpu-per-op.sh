#!/bin/bash
# CPU per committed op of the Verso node, the load generator and PostgreSQL over a window, split
# into user and kernel (system) time; with nstat, the TCP segments per op; with PG_PORT and
# PGPASSWORD set (b4.sh sets them for the embedded server) and psql, PostgreSQL's WAL per op.
# usage: bench/scripts/cpu-per-op.sh SECONDS [METRICS_URL]   (default http://localhost:18090/metrics)
# Reads utime and stime of each process from /proc/<pid>/stat before and after, and the node's
# verso_edit_ops_committed_total counter.
S=${1:-20}; URL=${2:-http://localhost:18090/metrics}
node=$(pgrep -f verso.jar); gen=$(pgrep -f LoadGen); pg=$(pgrep -f postgres | tr '\n' ' ')
tick=$(getconf CLK_TCK)
# "user system" ticks summed over the given pids
cpu() { local u=0 s=0; for p in "$@"; do read -r a b < <(awk '{print $14, $15}' /proc/$p/stat 2>/dev/null || echo 0 0); u=$((u+a)); s=$((s+b)); done; echo "$u $s"; }
ops() { curl -s "$URL" | awk '/^verso_edit_ops_committed_total/{print $2}'; }
wal() {
  if [ -n "${PG_PORT:-}" ] && command -v psql >/dev/null; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc \
      "select wal_records || ' ' || wal_fpi || ' ' || wal_bytes from pg_stat_wal" 2>/dev/null
  fi
}
command -v nstat >/dev/null && nstat -n
n0=$(cpu $node); g0=$(cpu $gen); p0=$(cpu $pg); w0=$(wal); o0=$(ops); t0=$(date +%s.%N)
sleep "$S"
n1=$(cpu $node); g1=$(cpu $gen); p1=$(cpu $pg); w1=$(wal); o1=$(ops); t1=$(date +%s.%N)
tcp=$(command -v nstat >/dev/null && nstat | awk '/^TcpOutSegs|^TcpExtTCPOrigDataSent|^TcpExtDelayedACKs/{printf "%s=%s ", $1, $2}')
python3 - <<PY
dt = $t1 - $t0; ops = $o1 - $o0
for name, a, b in (("server", "$n0", "$n1"), ("loadgen", "$g0", "$g1"), ("postgres", "$p0", "$p1")):
    (ua, sa), (ub, sb) = map(int, a.split()), map(int, b.split())
    u, s = (ub - ua) / $tick, (sb - sa) / $tick
    print(f"{name:9s} {100 * (u + s) / dt:5.1f}% of a core  {1e6 * (u + s) / ops:6.1f} us/op"
          f"  (user {1e6 * u / ops:5.1f}, system {1e6 * s / ops:5.1f})")
print(f"ops/s {ops / dt:.0f}")
tcp = dict(kv.split("=") for kv in "$tcp".split())
if tcp:
    print("TCP per op: segments {:.2f}, with data {:.2f}, delayed ACKs {:.2f}".format(
        int(tcp.get("TcpOutSegs", 0)) / ops, int(tcp.get("TcpExtTCPOrigDataSent", 0)) / ops,
        int(tcp.get("TcpExtDelayedACKs", 0)) / ops))
w0, w1 = "$w0".split(), "$w1".split()
if w0 and w1:
    r, f, b = (int(y) - int(x) for x, y in zip(w0, w1))
    print(f"WAL per op: {r / ops:.2f} records, {b / ops:.0f} bytes; full-page images {f / dt:.0f}/s")
PY
