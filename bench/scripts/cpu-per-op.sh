#!/bin/bash
# CPU per committed op of the Verso node, the load generator and PostgreSQL over a window.
# usage: bench/scripts/cpu-per-op.sh SECONDS [METRICS_URL]   (default http://localhost:18090/metrics)
# Reads utime+stime of each process from /proc/<pid>/stat before and after, and the node's
# verso_edit_ops_committed_total counter.
S=${1:-20}; URL=${2:-http://localhost:18090/metrics}
node=$(pgrep -f verso.jar); gen=$(pgrep -f LoadGen); pg=$(pgrep -f postgres | tr '\n' ' ')
tick=$(getconf CLK_TCK)
cpu() { local t=0; for p in "$@"; do v=$(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0); t=$((t+v)); done; echo $t; }
ops() { curl -s "$URL" | awk '/^verso_edit_ops_committed_total/{print $2}'; }
n0=$(cpu $node); g0=$(cpu $gen); p0=$(cpu $pg); o0=$(ops); t0=$(date +%s.%N)
sleep "$S"
n1=$(cpu $node); g1=$(cpu $gen); p1=$(cpu $pg); o1=$(ops); t1=$(date +%s.%N)
python3 - <<PY
dt = $t1 - $t0; ops = $o1 - $o0
for name, a, b in (("server", $n0, $n1), ("loadgen", $g0, $g1), ("postgres", $p0, $p1)):
    c = (b - a) / $tick
    print(f"{name:9s} {100 * c / dt:5.1f}% of a core  {1e6 * c / ops:6.1f} us/op")
print(f"ops/s {ops / dt:.0f}")
PY
