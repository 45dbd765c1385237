#!/usr/bin/env bash
# The test command of the README: every test target, on real SQLite files and real
# HTTP servers on 127.0.0.1. Extra arguments go to `swift test` (e.g. --filter FileIngest).
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift test "$@"
