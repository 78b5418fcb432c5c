#!/usr/bin/env python3
"""What a browser sees through the compose file's HAProxy while a Verso node dies.

Runs docker/haproxy.cfg (as shipped, without its failover lines, or with the lines given by
--variant) in front of three stand-in nodes on 127.0.0.1-3 (each answers on :8080 and
/health/ready on :9090, as a node's public and ops ports do). Each tab holds a connection open, as a
browser holds its WebSocket; one node is killed; its tabs reconnect with the app's backoff. Reported:
how long until they hold a connection again and how many of their attempts were refused (HAProxy's
503: it sent them to the dead node, which it has not yet marked down). The stand-ins only speak
HTTP: what is measured is HAProxy's choice of server, not Verso.

usage: bench/scripts/haproxy-failover.py [--rate 200] [--after 15] [--variant 'retries 5' ...]
needs: haproxy on the PATH (Debian: apt-get install haproxy)
"""
import argparse
import http.server
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
CFG = os.path.join(HERE, "..", "..", "docker", "haproxy.cfg")
FRONT = 18480


def stand_in(host):
    """A child process serving 200 on host:8080 and host:9090 (killed like a node: SIGKILL)."""
    code = (
        "import http.server,threading,sys,time\n"
        "class H(http.server.BaseHTTPRequestHandler):\n"
        "  def do_GET(self):\n"
        "    if self.path!='/hold':\n"
        "      self.send_response(200);self.send_header('Content-Length','2');self.end_headers();self.wfile.write(b'ok');return\n"
        "    self.send_response(200);self.send_header('Content-Length','600');self.end_headers();self.wfile.flush()\n"
        "    for i in range(600):\n"
        "      self.wfile.write(b'.');self.wfile.flush();time.sleep(1)\n"
        "  def log_message(self,*a): pass\n"
        "for p in (8080,9090):\n"
        "  s=http.server.ThreadingHTTPServer((sys.argv[1],p),H);threading.Thread(target=s.serve_forever,daemon=True).start()\n"
        "threading.Event().wait()\n")
    return subprocess.Popen([sys.executable, "-c", code, host])


# the shipped file's lines that make HAProxy try another server or give up on a failing one at once
FAILOVER_LINES = r"\s*(option redispatch|retries )"


def config(variant, plain):
    """The shipped file, bound to a local port, servers on 127.0.0.N, no PROXY header (the stand-ins
    speak plain HTTP), without its failover lines if plain, and the variant's lines at the end."""
    text = open(CFG).read()
    if plain:
        text = "".join(l for l in text.splitlines(True) if not re.match(FAILOVER_LINES, l))
        text = text.replace(" observe layer4 error-limit 5 on-error mark-down", "")
    text = text.replace("bind *:80", "bind 127.0.0.1:%d" % FRONT)
    text = text.replace("send-proxy-v2 ", "")
    for n in (1, 2, 3):
        text = re.sub(r"server verso%d verso%d:8080" % (n, n), "server verso%d 127.0.0.%d:8080" % (n, n), text)
    text = text.replace("    maxconn 50000", "    maxconn 5000")
    return text + "".join("    %s\n" % line for line in variant)


def wait_up(host, port, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        try:
            socket.create_connection((host, port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nothing listens on %s:%d" % (host, port))


def hold(deadline):
    """Opens a held connection through HAProxy; the moment its answer began, or None when refused
    (HAProxy's 503 or no answer). Reads it until it ends (the node died) or the deadline."""
    try:
        r = urllib.request.urlopen("http://127.0.0.1:%d/hold" % FRONT, timeout=10)
    except Exception:
        return None, None
    opened = time.time()
    try:
        while time.time() < deadline and r.read(1):
            pass
    except Exception:
        pass
    return opened, time.time()


def tab(deadline, kill_at, report):
    """A browser tab: holds its socket; when it closes, reconnects with the app's backoff (uniform in
    [0, min(30 s, 500 ms * 2^attempt)), connection.js) until it holds one again."""
    attempt = 0
    while time.time() < deadline:
        opened, closed = hold(deadline)
        if opened is None:
            report("refused", time.time() - kill_at)
            attempt += 1
            time.sleep(random.uniform(0, min(30.0, 0.5 * 2 ** attempt)))
            continue
        if opened > kill_at:
            report("reopened", opened - kill_at)
        attempt = 0
        if closed is not None and closed < deadline:
            report("lost", closed - kill_at)
            time.sleep(random.uniform(0, 0.5))


def run(variant, plain, tabs, after):
    nodes = {n: stand_in("127.0.0.%d" % n) for n in (1, 2, 3)}
    for n in nodes:
        wait_up("127.0.0.%d" % n, 9090)
    with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as f:
        f.write(config(variant, plain))
    check = subprocess.run(["haproxy", "-c", "-q", "-f", f.name], capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit("haproxy refused the configuration:\n" + check.stderr)
    proxy = subprocess.Popen(["haproxy", "-db", "-f", f.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_up("127.0.0.1", FRONT)
    time.sleep(2)
    events = []
    lock = threading.Lock()

    def report(kind, at):
        with lock:
            events.append((kind, at))

    kill_at = time.time() + 8  # every tab connected, spread by leastconn
    deadline = kill_at + after
    threads = [threading.Thread(target=tab, args=(deadline, kill_at, report), daemon=True) for _ in range(tabs)]
    for t in threads:
        t.start()
        time.sleep(2.0 / tabs)
    time.sleep(max(0, kill_at - time.time()))
    nodes[2].send_signal(signal.SIGKILL)
    for t in threads:
        t.join(deadline - time.time() + 15)
    proxy.terminate()
    proxy.wait()
    for p in nodes.values():
        p.kill()
        p.wait()
    os.unlink(f.name)
    lost = [at for kind, at in events if kind == "lost" and at >= 0]
    back = sorted(at for kind, at in events if kind == "reopened")
    refused = [at for kind, at in events if kind == "refused" and at >= 0]

    def pct(xs, q):
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")

    return {"lost": len(lost), "back": len(back), "refused": len(refused),
            "p50": pct(back, 0.5), "p99": pct(back, 0.99), "max": back[-1] if back else float("nan"),
            "last_refused": max(refused, default=float("nan"))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tabs", type=int, default=300, help="held connections (a third on the killed node)")
    ap.add_argument("--after", type=float, default=40, help="seconds measured after the kill")
    ap.add_argument("--variant", action="append", default=None,
                    help="a line added to the backend of the file without its failover lines (repeat for "
                         "several): a third configuration beside the file as shipped and the file without them")
    args = ap.parse_args()
    variants = [("as shipped", [], False), ("without its failover lines", [], True)]
    if args.variant:
        variants.append(("without them, with " + "; ".join(args.variant), args.variant, True))
    print("haproxy: %s" % subprocess.run(["haproxy", "-v"], capture_output=True, text=True).stdout.splitlines()[0])
    print("%d tabs held, node 2 of 3 killed (SIGKILL), %g s measured after the kill" % (args.tabs, args.after))
    print("| configuration | tabs lost | back p50 | back p99 | back max | refused attempts | last refusal |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, lines, plain in variants:
        r = run(lines, plain, args.tabs, args.after)
        last = "—" if r["last_refused"] != r["last_refused"] else "%.1f s" % r["last_refused"]
        print("| %s | %d | %.1f s | %.1f s | %.1f s | %d | %s |" % (name, r["lost"], r["p50"], r["p99"], r["max"],
              r["refused"], last), flush=True)


if __name__ == "__main__":
    main()
