#!/usr/bin/env bash
# The soak: `ingest --every` against the simulator with faults for SECONDS (default 600).
# It runs only when SOAK_SECONDS is set, so the ordinary suite stays fast; CI runs a short one.
set -euo pipefail
cd "$(dirname "$0")/.."
SOAK_SECONDS="${1:-600}" exec Scripts/test.sh --filter SoakTests
