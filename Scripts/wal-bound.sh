#!/usr/bin/env bash
# Measures what bounds the WAL (docs/operations.md, "The WAL"): a file ingest of N items
# (default 1,000,000) into a new ledger, once alone and once while another connection holds a
# read transaction for the whole run; prints the WAL's peak size during each run, its size
# when the run ends, and after the next run once the reader has let go.
#
#   Scripts/wal-bound.sh [--items N] [--bin DIR]    (default DIR: .build/release, built if missing)
set -euo pipefail
items=1000000
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
    --items) items="$2"; shift ;;
    --bin) bin="$(cd "$2" && pwd)"; shift ;;
    -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "wal-bound: unknown argument $1 (use --items N, --bin DIR)" >&2; exit 64 ;;
    esac
    shift
done
case "$items" in '' | *[!0-9]*) echo "wal-bound: --items $items: use a positive integer" >&2; exit 64 ;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "$bin" ]; then
    bin="$ROOT/.build/release"
    [ -x "$bin/ticket-ledger" ] || (cd "$ROOT" && swift build -c release --product ticket-ledger >/dev/null && swift build -c release --product tixngo-simulator >/dev/null)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/tixngo-simulator" generate --items "$items" --seed 7 --shape lifecycle -o "$work/feed.jsonl" >/dev/null 2>&1

python3 - "$bin/ticket-ledger" "$work" <<'PY'
import os, sqlite3, subprocess, sys, threading, time
binary, work = sys.argv[1], sys.argv[2]
feed = os.path.join(work, "feed.jsonl")
def mib(n): return f"{n / 1048576:.1f} MiB"
def wal(db):
    try: return os.path.getsize(db + "-wal")
    except FileNotFoundError: return 0
def run(db, organizer):
    peak = 0
    child = subprocess.Popen([binary, "ingest", "--organizer", organizer, "--file", feed, "--db", db, "--json"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while child.poll() is None:
        peak = max(peak, wal(db)); time.sleep(0.2)
    if child.returncode != 0: sys.exit("ingest failed: " + child.stderr.read().decode())
    return peak, wal(db)
for label, hold in (("alone", False), ("with a reader holding a snapshot", True)):
    db = os.path.join(work, f"ledger-{int(hold)}.sqlite")
    reader = None
    if hold:
        # A first one-item run creates the ledger, so the reader can hold a snapshot before the measured run.
        open(os.path.join(work, "one.jsonl"), "w").write('{"ticketId":"W","statusDate":"2026-06-20T08:00:00Z","status":"INJECTED"}\n')
        subprocess.run([binary, "ingest", "--organizer", "W", "--file", os.path.join(work, "one.jsonl"), "--db", db], check=True, capture_output=True)
        reader = sqlite3.connect(db, isolation_level=None)
        reader.execute("BEGIN"); reader.execute("SELECT count(*) FROM events").fetchone()
    peak, after = run(db, "ORG")
    line = f"{label}: peak WAL {mib(peak)}, at the end of the run {mib(after)}"
    if reader is not None:
        reader.execute("COMMIT"); reader.close()
        subprocess.run([binary, "ingest", "--organizer", "W", "--file", os.path.join(work, "one.jsonl"), "--db", db], check=True, capture_output=True)
        line += f", after the next run (reader gone) {mib(wal(db))}"
    print(line, f"(ledger {mib(os.path.getsize(db))})")
PY
