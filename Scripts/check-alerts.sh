#!/usr/bin/env bash
# Checks the Prometheus side of TicketLedger with promtool (Debian's `prometheus`):
#  1. the alert rules parse (promtool check rules);
#  2. their unit tests pass (promtool test rules: each alert fires when it must, not before);
#  3. a live scrape lints clean: a scheduled ingest (`ingest --every 1s --metrics-listen`) against
#     the built-in simulator on 127.0.0.1, scraped once it has run twice (promtool check metrics);
#  4. so does the console's: `serve` over that ledger, scraped after a few pages were read.
#   Scripts/check-alerts.sh        (after a release build: Scripts/bench.sh or swift build -c release)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v promtool >/dev/null || { echo "check-alerts: needs promtool (Debian's prometheus)" >&2; exit 1; }
promtool check rules Scripts/prometheus/ticket-ledger-alerts.yml
(cd Scripts/prometheus && promtool test rules ticket-ledger-alerts.test.yml)

bin="$(swift build -c release --show-bin-path)"
[ -x "$bin/ticket-ledger" ] && [ -x "$bin/tixngo-simulator" ] || swift build -c release --product ticket-ledger >/dev/null
[ -x "$bin/tixngo-simulator" ] || swift build -c release --product tixngo-simulator >/dev/null
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export TIXNGO_API_KEY=check-alerts-key
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
simulator_port=$(port)
metrics_port=$(port)
"$bin/tixngo-simulator" serve --port "$simulator_port" --tickets 200 --organizer ORG >"$work/simulator.log" 2>&1 &
for _ in $(seq 50); do curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$simulator_port/" && break; sleep 0.1; done
"$bin/ticket-ledger" ingest --organizer ORG --url "http://127.0.0.1:$simulator_port/v3/organizer" --every 1s \
    --metrics-listen "127.0.0.1:$metrics_port" --db "$work/ledger.sqlite" >"$work/ingest.log" 2>&1 &
# Each scrape goes to a file of its own and replaces the kept one only when it succeeded.
: >"$work/metrics.txt"
for _ in $(seq 100); do
    if curl -sf --max-time 2 "http://127.0.0.1:$metrics_port/metrics" >"$work/scrape.txt" 2>/dev/null; then
        mv "$work/scrape.txt" "$work/metrics.txt"
        grep -q '^ticket_ledger_runs_total{organizer="ORG",outcome="ok"} [2-9]' "$work/metrics.txt" && break
    fi
    sleep 0.1
done
grep -q '^ticket_ledger_runs_total' "$work/metrics.txt" || { echo "check-alerts: no run metrics scraped" >&2; cat "$work/ingest.log" >&2; exit 1; }
promtool check metrics <"$work/metrics.txt"

console_port=$(port)
"$bin/ticket-ledger" serve --listen "127.0.0.1:$console_port" --db "$work/ledger.sqlite" >"$work/serve.log" 2>&1 &
for _ in $(seq 100); do curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$console_port/" && break; sleep 0.1; done
for page in / /api/summary /runs /no-such-page; do curl -s --max-time 10 -o /dev/null "http://127.0.0.1:$console_port$page"; done
curl -sf --max-time 10 "http://127.0.0.1:$console_port/metrics" >"$work/console-metrics.txt" ||
    { echo "check-alerts: the console's /metrics did not answer" >&2; cat "$work/serve.log" >&2; exit 1; }
for sample in 'ticket_ledger_http_requests_total{route="/",status="200"}' 'ticket_ledger_http_requests_total{route="NotFound",status="404"}' 'ticket_ledger_events{ledger='; do
    grep -qF "$sample" "$work/console-metrics.txt" || { echo "check-alerts: the console's scrape lacks $sample" >&2; cat "$work/console-metrics.txt" >&2; exit 1; }
done
promtool check metrics <"$work/console-metrics.txt"
echo "check-alerts: rules, rule tests and live scrapes of the ingest ($(grep -c '^ticket_ledger' "$work/metrics.txt") samples) and the console ($(grep -c '^ticket_ledger' "$work/console-metrics.txt")) pass"
