#!/usr/bin/env bash
# Installs the release build of ticket-ledger and tixngo-simulator under a prefix, with what
# they need beside them (the resource bundles holding the migrations and mapping rule sets),
# their man pages (generated from --help by swift-argument-parser's generate-manual) and
# bash, zsh and fish completions.
#   Scripts/install.sh [--prefix DIR]     default /usr/local
# Layout: DIR/lib/ticket-ledger/ (binaries and bundles), DIR/bin/ (links), DIR/share/man/man1/,
# DIR/share/bash-completion/completions/, DIR/share/zsh/site-functions/,
# DIR/share/fish/vendor_completions.d/. The binaries link the Swift runtime of the toolchain
# that built them (docs/operations.md, "Installing").
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix takes a directory}"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install: unknown argument $1 (use --prefix DIR)" >&2; exit 64 ;;
    esac
done

tools=(ticket-ledger tixngo-simulator)
echo "building release (several minutes the first time)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for product in "${tools[@]}" generate-manual; do
    swift build -c release --product "$product" >"$log" 2>&1 || { grep -E 'error:' "$log" || tail -n 30 "$log"; exit 1; }
done
bin="$(swift build -c release --show-bin-path)"

lib="$prefix/lib/ticket-ledger"
mkdir -p "$lib" "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
for tool in "${tools[@]}"; do
    install -m 0755 "$bin/$tool" "$lib/$tool"
    ln -sfn "../lib/ticket-ledger/$tool" "$prefix/bin/$tool"
    "$bin/generate-manual" "$bin/$tool" --output-directory "$prefix/share/man/man1" >/dev/null
    "$bin/$tool" --generate-completion-script bash > "$prefix/share/bash-completion/completions/$tool"
    "$bin/$tool" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_$tool"
    "$bin/$tool" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/$tool.fish"
done
for bundle in "$bin"/*.resources; do
    rm -rf "$lib/$(basename "$bundle")"
    cp -R "$bundle" "$lib/"
done
echo "installed: $prefix/bin/ticket-ledger ($("$prefix/bin/ticket-ledger" --version))"
echo "man ticket-ledger reads $prefix/share/man/man1/ticket-ledger.1"
