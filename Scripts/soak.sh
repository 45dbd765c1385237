#!/usr/bin/env bash
# The long soak: `ingest --every` against the simulator with faults for SECONDS (default 600).
# The quick form (20 s) runs with the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_SECONDS="${1:-600}" exec swift test --filter SoakTests
