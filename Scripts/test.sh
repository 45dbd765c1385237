#!/usr/bin/env bash
# The test command of the README: builds every product and the tests, then runs every test
# target on real SQLite files and real HTTP servers on 127.0.0.1 (the tests run the built
# `ticket-ledger` as operators do). The build says nothing unless it fails. Extra arguments
# go to `swift test` (e.g. --filter FileIngest). The long soak is Scripts/soak.sh.
#
# The suite runs optimized, with testability and the kill points compiled in, from its own
# scratch folder (.build/tests), so it neither rebuilds nor is rebuilt by the release build
# that Scripts/bench.sh and Scripts/install.sh make (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=(-c release --scratch-path .build/tests)
# Debian packages the tests run as second implementations and real components: openpyxl reads
# the workbooks `mappings export` writes (MappingWorkbookCommandTests); headless Chromium renders
# the console (ConsoleBrowserTests); PostgreSQL receives `publish` (PublishTests, through
# Scripts/postgres.sh, which runs it as an unprivileged user and stops it when the suite ends).
needed=()
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || needed+=(python3-openpyxl)
command -v chromium >/dev/null || needed+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
if [ ${#needed[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Scripts/test.sh: installing Debian's ${needed[*]} for the tests that use them"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
    else
        echo "Scripts/test.sh: some tests need Debian's ${needed[*]}: sudo apt-get install ${needed[*]}" >&2
    fi
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! swift build --build-tests "${configuration[@]}" -Xswiftc -enable-testing -Xswiftc -DKILL_POINTS >"$log" 2>&1; then
    grep -E 'error:|warning:' "$log" | head -n 40 || tail -n 40 "$log"
    echo "Scripts/test.sh: the build failed (above)" >&2
    exit 1
fi
# SwiftPM repeats a warning about a dependency's stray CMakeLists.txt (swift-distributed-tracing,
# through Hummingbird) whenever it loads the package: not ours to fix, and not a result.
swift test --skip-build "${configuration[@]}" --disable-xctest --quiet "$@" 2>&1 |
    grep -v -E "^warning: 'swift-distributed-tracing': found 1 file|^ +/.*/swift-distributed-tracing/.*/CMakeLists\.txt$"
