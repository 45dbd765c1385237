#!/usr/bin/env bash
# Proofs at scale, by two implementations (docs/proofs.md): a ledger of N events (default
# 100,000; one ingest run, so one signed tree head over all of them), every ticket's proof
# document written by `ledger-bench proofs`, then all of them checked by `ticket-ledger
# check-proof` and by Scripts/verify_proof.py (Python, hashlib + cryptography) under the
# ledger's public key; then one byte of one proof changed, which both must refuse.
#
#   Scripts/proof-check.sh [--items N] [--bin DIR]    (default DIR: .build/release, built if missing)
set -euo pipefail
items=100000
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
    --items) items="$2"; shift ;;
    --bin) bin="$(cd "$2" && pwd)"; shift ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "proof-check: unknown argument $1 (use --items N, --bin DIR)" >&2; exit 64 ;;
    esac
    shift
done
case "$items" in '' | *[!0-9]*) echo "proof-check: --items $items: use a positive integer" >&2; exit 64 ;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -z "$bin" ]; then
    bin="$ROOT/.build/release"
    for product in ticket-ledger tixngo-simulator ledger-bench; do
        [ -x "$bin/$product" ] || (cd "$ROOT" && swift build -c release --product "$product" >/dev/null)
    done
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin/tixngo-simulator" generate --items "$items" --seed 9 --shape lifecycle -o "$work/feed.jsonl" >/dev/null 2>&1
"$bin/ticket-ledger" ingest --organizer ORG --file "$work/feed.jsonl" --mode lifecycle --json --db "$work/ledger.sqlite" >/dev/null
key=$("$bin/ticket-ledger" digest --public-key --db "$work/ledger.sqlite")
"$bin/ledger-bench" proofs --db "$work/ledger.sqlite" --out "$work/proofs.jsonl"
"$bin/ticket-ledger" check-proof "$work/proofs.jsonl" --public-key "$key"
python3 "$ROOT/Scripts/verify_proof.py" "$work/proofs.jsonl" --public-key "$key"

# One byte of one inclusion proof changed: both must refuse it.
python3 - "$work/proofs.jsonl" "$work/altered.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
document = json.loads(lines[len(lines) // 2])
event = document["events"][-1]
hash_ = event["inclusion"][0]
event["inclusion"][0] = ("0" if hash_[0] != "0" else "1") + hash_[1:]
lines[len(lines) // 2] = json.dumps(document)
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
PY
if "$bin/ticket-ledger" check-proof "$work/altered.jsonl" --public-key "$key" 2>/dev/null; then
    echo "proof-check: check-proof accepted an altered proof" >&2
    exit 1
fi
if python3 "$ROOT/Scripts/verify_proof.py" "$work/altered.jsonl" --public-key "$key" >/dev/null; then
    echo "proof-check: verify_proof.py accepted an altered proof" >&2
    exit 1
fi
echo "proof-check: both implementations refuse a proof with one byte changed"
