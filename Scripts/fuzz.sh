#!/usr/bin/env bash
# Fuzzes the observation decoder, the mapping rule set loader and the mapping workbook
# (.xlsx) reader with libFuzzer.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60);
#                                             TARGET: observation, mapping, workbook (default all)
#
# SwiftPM cannot build a libFuzzer binary, so this compiles the library sources the
# targets need straight with `swiftc -sanitize=fuzzer,address`: Sources/TicketLedger/
# Observation and Sources/TicketLedger/Rules (with Rules/Workbook) with the two Support files
# they use, which import only Foundation (FoundationXML for the workbook's XML), the package's
# SharedSupport and ZIPFoundation (each built here as a module of its own, ZIPFoundation from
# the checkout `swift package resolve` makes) and, for the content hash, swift-crypto. Scripts/fuzz/CryptoShim.swift is a
# stand-in `Crypto` module (a 32-byte digest that is not SHA-256) and
# Scripts/fuzz/BundleShim.swift stands in for SwiftPM's `Bundle.module`; neither
# changes what parsing accepts or refuses. The harnesses are Scripts/fuzz/*Fuzz.swift.
#
# Everything goes to .build-fuzz/ (git-ignored): the binaries, a working corpus per
# target (seeded from Tests/TicketLedgerTests/Fixtures/hostile and the bundled
# mapping files, and kept between runs so coverage accumulates), crash artifacts and
# one log per target. Exits non-zero when a target crashes, hangs (10 s on one
# input) or breaks one of the harness's properties.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(observation mapping workbook)

out=.build-fuzz
fixtures=Tests/TicketLedgerTests/Fixtures
mkdir -p "$out/shim" "$out/artifacts"

flags=(-parse-as-library -O -g -swift-version 6
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault)

# Compiler and linker output (ld.gold warns about every ASan helper) goes to a log, shown when a build fails.
build() {
    if ! "$@" >"$out/build.log" 2>&1; then
        grep -E 'error' "$out/build.log" >&2 || tail -20 "$out/build.log" >&2
        exit 1
    fi
}

echo "building the Crypto stand-in"
build swiftc "${flags[@]}" -emit-module -emit-library -static -module-name Crypto \
    -emit-module-path "$out/shim/Crypto.swiftmodule" -o "$out/shim/libCrypto.a" Scripts/fuzz/CryptoShim.swift

echo "building SharedSupport"
build swiftc "${flags[@]}" -emit-module -emit-library -static -module-name SharedSupport \
    -emit-module-path "$out/shim/SharedSupport.swiftmodule" -o "$out/shim/libSharedSupport.a" Sources/SharedSupport/*.swift

echo "building ZIPFoundation"
swift package resolve >/dev/null
zip=.build/checkouts/ZIPFoundation/Sources
cp "$zip/CZLib/module.modulemap" "$zip/CZLib/shim.h" "$out/shim/"
build swiftc -parse-as-library -O -swift-version 5 -emit-module -emit-library -static -module-name ZIPFoundation \
    -I "$out/shim" -Xcc -D_GNU_SOURCE=1 -emit-module-path "$out/shim/ZIPFoundation.swiftmodule" \
    -o "$out/shim/libZIPFoundation.a" "$zip"/ZIPFoundation/*.swift

library=(Sources/TicketLedger/Observation/*.swift Sources/TicketLedger/Rules/*.swift Sources/TicketLedger/Rules/Workbook/*.swift
         Sources/TicketLedger/Support/Quoting.swift Sources/TicketLedger/Support/ItemBuffer.swift Scripts/fuzz/BundleShim.swift)

status=0
for target in "${targets[@]}"; do
    case "$target" in
        observation) harness=Scripts/fuzz/ObservationFuzz.swift; seeds=("$fixtures/hostile/lines" "$fixtures/hostile/pages") ;;
        mapping) harness=Scripts/fuzz/MappingFuzz.swift; seeds=("$fixtures/hostile/mappings" "$fixtures/mappings" Sources/TicketLedger/Resources/Mappings) ;;
        workbook) harness=Scripts/fuzz/WorkbookFuzz.swift; seeds=("$fixtures/workbooks") ;;
        *) echo "unknown target $target (observation, mapping, workbook)" >&2; exit 64 ;;
    esac
    binary="$out/fuzz-$target"
    echo "building $binary"
    build swiftc "${flags[@]}" -sanitize=fuzzer,address -module-name "Fuzz_$target" -I "$out/shim" -I Sources/CLedgerZlib -L "$out/shim" -lCrypto -lSharedSupport -lZIPFoundation -lz \
        "${library[@]}" "$harness" -o "$binary"

    corpus="$out/corpus-$target"
    mkdir -p "$corpus"
    log="$out/fuzz-$target.log"
    echo "fuzzing $target for ${seconds}s (log: $log)"
    started=$(date +%s)
    set +e
    # Swift's own crash backtracer would trip ASan; libFuzzer prints the stack instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$binary" "$corpus" "${seeds[@]}" \
        -max_total_time="$seconds" -timeout=10 -max_len="$([ "$target" = workbook ] && echo 300000 || echo 16384)" -rss_limit_mb=4096 \
        -dict="Scripts/fuzz/$target.dict" -artifact_prefix="$out/artifacts/$target-" \
        -print_final_stats=1 >"$log" 2>&1
    code=$?
    set -e
    elapsed=$(( $(date +%s) - started ))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    corpusSize=$(find "$corpus" -type f | wc -l)
    if [ "$code" -eq 0 ]; then
        echo "$target: ran ${elapsed}s, ${executions:-?} executions, ${coverage:-cov: ?}, corpus $corpusSize inputs, no crash"
    else
        echo "$target: FAILED after ${elapsed}s (exit $code); see $log and $out/artifacts/" >&2
        grep -E 'Fatal error|ERROR: |SUMMARY|Test unit written' "$log" | head -5 >&2 || true
        status=1
    fi
done
exit $status
