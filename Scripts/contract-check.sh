#!/usr/bin/env bash
# Holds the built-in TIXnGO simulator to the endpoint's contract, docs/feedback-api.yaml:
# schemathesis (PyPI, installed in a virtual environment under .build/) generates requests
# from the contract, sends them to `tixngo-simulator serve` on 127.0.0.1, and checks every
# answer (status codes, content types, headers, body schemas, 405 with Allow for methods the
# contract does not declare). Bounded to MAX_TIME seconds (default 60).
#   Scripts/contract-check.sh [-c debug|release]
# Excluded check, and why (docs/testing.md): positive_data_acceptance expects every
# schema-valid request to succeed, but a paginationKey is valid only when this server issued
# it; the contract answers any other with 400.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=debug
case "${1:-}" in
    -c) configuration="${2:?-c takes debug or release}" ;;
    "") ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "contract-check: unknown argument $1 (use -c debug|release)" >&2; exit 64 ;;
esac
max_time="${MAX_TIME:-60}"

venv=.build/schemathesis-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    echo "installing schemathesis into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5'
fi

swift build -c "$configuration" --product tixngo-simulator >/dev/null
simulator="$(swift build -c "$configuration" --show-bin-path)/tixngo-simulator"

work=$(mktemp -d)
key="contract-$RANDOM$RANDOM"
TIXNGO_API_KEY="$key" "$simulator" serve --port 0 --tickets 300 --now end --speed 0 >"$work/serve.out" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
base=""
for _ in $(seq 1 100); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*/[a-z0-9/]*organizer' "$work/serve.out" | head -n 1 || true)
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.out" >&2; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { echo "contract-check: the simulator did not start" >&2; cat "$work/serve.out" >&2; exit 1; }

echo "schemathesis against $base for at most ${max_time} s"
spec="$PWD/docs/feedback-api.yaml"
schemathesis="$PWD/$venv/bin/schemathesis"
cd "$work"  # schemathesis keeps a cache in its working directory
"$schemathesis" --no-color run "$spec" --url "$base" \
    --checks all --exclude-checks positive_data_acceptance \
    --header "x-api-key: $key" --max-time "$max_time" --workers 1 --generation-database none 2>&1 |
    sed "s/$key/[api key]/g"
