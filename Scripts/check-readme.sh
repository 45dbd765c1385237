#!/usr/bin/env bash
# Runs every ```sh block of README.md exactly as written, top to bottom, in a fresh copy of
# this repository's tracked files made in a temporary directory with nothing beside it, and
# fails on the first command that fails. A block right after a line
# `<!-- check-readme: skip REASON -->` is shown, not run (it needs a real TIXnGO, or runs
# until interrupted). Each block runs in one bash with `set -euo pipefail`, so variables
# set in a block hold for the block's later lines.
#   Scripts/check-readme.sh              copy into a temporary directory, run, remove the copy
#   Scripts/check-readme.sh --keep DIR   copy into DIR (new; nothing may stand beside it), keep it
set -euo pipefail
cd "$(dirname "$0")/.."

keep=""
case "${1:-}" in
    --keep) keep="${2:?--keep takes a directory that does not exist yet}" ;;
    "") ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-readme: unknown argument $1 (use --keep DIR or nothing)" >&2; exit 64 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/check-readme.XXXXXX")
trap 'rm -rf "$work"' EXIT
copy="${keep:-$work/ticket-ledger}"
[ -z "$keep" ] || [ ! -e "$keep" ] || { echo "check-readme: $keep exists; name a new directory" >&2; exit 64; }
if [ -e "$(dirname "$copy")/shared" ]; then
    echo "check-readme: $(dirname "$copy")/shared exists; the copy must stand alone" >&2
    exit 64
fi

Scripts/copy-tree.sh "$copy"

# Each runnable block becomes one script: blocks/NN.sh.
mkdir -p "$work/blocks"
awk -v out="$work/blocks" '
    /^<!-- check-readme: skip/ { skip = 1; next }
    /^```sh[[:space:]]*$/ && !inside { inside = 1; n++; file = sprintf("%s/%02d.sh", out, n); if (skip) file = file ".skipped"; skip = 0; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file; next }
    /[^[:space:]]/ { skip = (skip && /^<!--/) }
' README.md

blocks=("$work"/blocks/*)
[ -e "${blocks[0]}" ] || { echo "check-readme: README.md has no \`\`\`sh block" >&2; exit 1; }
for block in "${blocks[@]}"; do
    name=$(basename "$block")
    if [[ "$name" == *.skipped ]]; then
        echo "== README block ${name%%.*}: skipped (marked in README.md)"
        continue
    fi
    echo "== README block ${name%.sh}"
    sed 's/^/   $ /' "$block"
    started=$SECONDS
    if ! (cd "$copy" && bash -euo pipefail "$block"); then
        echo "check-readme: README block ${name%.sh} failed in $copy" >&2
        exit 1
    fi
    echo "== README block ${name%.sh}: ok in $((SECONDS - started)) s"
done
[ -n "$keep" ] && echo "check-readme: the copy is kept at $copy"
echo "check-readme: every runnable block of README.md ran"
