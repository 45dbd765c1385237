#!/usr/bin/env bash
# The CPU each thread of one file ingest spends per item, from a `perf` profile: the figure
# issue 20's "writer thread CPU per event" target is stated in (docs/benchmarks.md). The
# writer is the thread with the most samples inside SQLite.
#
#   Scripts/writer-cpu.sh FILE [--bin DIR] [--hz N] [--keep]
#
#   FILE       JSON Lines of items (e.g. from `tixngo-simulator generate --shape lifecycle`)
#   --bin DIR  the release binaries to run (default .build/release)
#   --hz N     samples per second of a thread's CPU (default 999)
#   --keep     keep the ledger and the profile (printed) instead of removing them
#
# Needs `perf` (Debian `linux-perf`) allowed to profile this user's processes. Each run
# ingests into a new ledger, so runs of two builds are comparable; alternate them, as
# wall time and samples drift with this machine's load.
set -euo pipefail
export LC_ALL=C  # decimal points in what awk and printf write

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }
file=""
bin=".build/release"
hz=999
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
    --bin)
        [ $# -ge 2 ] || { echo "writer-cpu: --bin needs a folder" >&2; exit 64; }
        bin="$2"
        shift
        ;;
    --hz)
        [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "writer-cpu: --hz needs a positive number" >&2; exit 64; }
        hz="$2"
        shift
        ;;
    --keep) keep=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "writer-cpu: unknown option $1" >&2; usage >&2; exit 64 ;;
    *)
        [ -z "$file" ] || { echo "writer-cpu: one FILE only" >&2; exit 64; }
        file="$1"
        ;;
    esac
    shift
done
[ -n "$file" ] || { usage >&2; exit 64; }
[ -r "$file" ] || { echo "writer-cpu: cannot read $file" >&2; exit 66; }
[ -x "$bin/ticket-ledger" ] || { echo "writer-cpu: no $bin/ticket-ledger (swift build -c release)" >&2; exit 66; }
command -v perf >/dev/null || { echo "writer-cpu: perf is not installed (Debian linux-perf)" >&2; exit 69; }

work=$(mktemp -d "${TMPDIR:-/tmp}/writer-cpu.XXXXXX")
if [ "$keep" = 1 ]; then echo "ledger and profile kept in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

start=$(date +%s.%N)
# task-clock: each sample's period is the thread's CPU time since the last, in nanoseconds.
perf record -q -e task-clock -F "$hz" -o "$work/perf.data" -- \
    "$bin/ticket-ledger" ingest --organizer BENCH --file "$file" --mode lifecycle --json --db "$work/ledger.sqlite" \
    >"$work/ingest.out" 2>"$work/ingest.err" || { cat "$work/ingest.err" >&2; exit 1; }
end=$(date +%s.%N)
items=$(grep -o '"received":[0-9]*' "$work/ingest.out" | cut -d: -f2)
[ "${items:-0}" -gt 0 ] || { echo "writer-cpu: the ingest received no items" >&2; exit 1; }

printf "%d items in %.2f s (under perf)\n%-8s %9s %8s %10s\n" "$items" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" thread samples "CPU s" "µs/item"
# One line per sample: its thread, its period and the file its instruction is in. Threads
# under a tenth of a second of CPU are left out.
perf script -i "$work/perf.data" -F tid,period,ip,dso 2>/dev/null | awk -v items="$items" '
    { samples[$1]++; ns[$1] += $2; if ($NF ~ /libsqlite3/) sqlite[$1]++ }
    END {
        writer = ""; for (t in sqlite) if (writer == "" || sqlite[t] > sqlite[writer]) writer = t
        for (t in samples) if (ns[t] >= 1e8)
            printf "%-8s %9d %8.2f %10.2f%s\n", t, samples[t], ns[t] / 1e9, ns[t] / 1e3 / items, (t == writer ? "  writer" : "")
    }' | sort -k2,2 -n -r
