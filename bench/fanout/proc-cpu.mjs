// CPU time of a process tree from /proc: utime + stime of every live process under a root (children
// found through their parent ids), plus cutime + cstime (children that already exited and were
// waited for, e.g. PostgreSQL backends), in clock ticks. Also any process whose command line holds
// a marker (a daemon that left the tree, e.g. a server started through pg_ctl) and its children.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

function readStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const f = s.slice(close + 2).split(' ');
    return { pid: Number(pid), comm: s.slice(s.indexOf('(') + 1, close), ppid: Number(f[1]),
      ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch (e) {
    return null; // gone meanwhile
  }
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch (e) {
    return '';
  }
}

/** The processes of the tree: [{pid, comm, ticks}]. */
export function tree(rootPid, marker) {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(readStat).filter(Boolean);
  const children = new Map();
  for (const p of all) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(p);
  }
  // this process and its ancestors may carry the marker in their own arguments: never theirs
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const mine = new Set();
  for (let p = byPid.get(process.pid); p && !mine.has(p.pid); p = byPid.get(p.ppid)) mine.add(p.pid);
  const roots = all.filter((p) => p.pid === rootPid || (marker && !mine.has(p.pid) && cmdline(p.pid).includes(marker)));
  const seen = new Map();
  const todo = [...roots];
  while (todo.length) {
    const p = todo.pop();
    if (seen.has(p.pid)) continue;
    seen.set(p.pid, p);
    todo.push(...(children.get(p.pid) || []));
  }
  return [...seen.values()];
}

/**
 * CPU seconds of the tree, what it is made of ("java×1 postgres×9 redis-server×1") and the seconds of
 * each kind of process ({java: s, postgres: s, …}: where the time goes between the JVM and the databases).
 */
export function treeCpu(rootPid, marker) {
  const t = tree(rootPid, marker);
  const names = new Map();
  const byName = {};
  for (const p of t) {
    names.set(p.comm, (names.get(p.comm) || 0) + 1);
    byName[p.comm] = (byName[p.comm] || 0) + p.ticks / CLK_TCK;
  }
  return {
    byName,
    seconds: t.reduce((a, p) => a + p.ticks, 0) / CLK_TCK,
    processes: [...names].map(([n, c]) => `${n}×${c}`).join(' '),
  };
}
