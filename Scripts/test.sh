#!/usr/bin/env bash
# The test command of the README: builds every product (the tests run the built
# `ticket-ledger` as operators do), then every test target on real SQLite files and real
# HTTP servers on 127.0.0.1. The build says nothing unless it fails. Extra arguments go to
# `swift test` (e.g. --filter ItemFileIngest). The long soak is Scripts/soak.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! swift build --build-tests >"$log" 2>&1; then
    grep -E 'error:|warning:' "$log" | head -n 40 || tail -n 40 "$log"
    echo "Scripts/test.sh: the build failed (above)" >&2
    exit 1
fi
# SwiftPM repeats a warning about a dependency's stray CMakeLists.txt (swift-distributed-tracing,
# through Hummingbird) whenever it loads the package: not ours to fix, and not a result.
swift test --skip-build --disable-xctest --quiet "$@" 2>&1 |
    grep -v -E "^warning: 'swift-distributed-tracing': found 1 file|^ +/.*/swift-distributed-tracing/.*/CMakeLists\.txt$"
