#!/usr/bin/env bash
# The mutation check (docs/testing.md): each patch in Scripts/mutants/ breaks one behaviour
# users depend on. Each is applied alone to a scratch copy of this tree (.build-mutants/tree,
# which keeps its own build between runs), built, and the whole suite run. A mutant is
# killed when the suite fails (a failing test, or a test process that crashed), survived
# when it passes (the suite missed a defect), or broken when the patch no longer applies or
# compiles (the patch needs mending). One line per mutant and round, then each mutant's
# outcomes across rounds and the score; exits 1 unless every run of every mutant was killed.
#   Scripts/mutants.sh [--repeat N] [NAME...]   NAME: a patch's name or number prefix (default all)
set -euo pipefail
cd "$(dirname "$0")/.."

repeat=1
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --repeat) repeat="${2:?--repeat takes a number}"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "mutants: unknown option $1" >&2; exit 64 ;;
        *) names+=("$1"); shift ;;
    esac
done
patches=()
for patch in Scripts/mutants/*.patch; do
    name=$(basename "$patch" .patch)
    if [ ${#names[@]} -eq 0 ]; then patches+=("$patch"); continue; fi
    for wanted in "${names[@]}"; do [[ "$name" == "$wanted"* ]] && patches+=("$patch"); done
done
[ ${#patches[@]} -gt 0 ] || { echo "mutants: no patch matches ${names[*]}" >&2; exit 64; }

scratch="$PWD/.build-mutants"
tree="$scratch/tree"
# The scratch tree holds this working tree's files beside the .build it keeps between runs.
mkdir -p "$tree"
find "$tree" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
Scripts/copy-tree.sh "$tree" --with-untracked
git -C "$tree" init -q 2>/dev/null || true

echo "building the unmutated scratch tree first (the first time takes minutes)"
(cd "$tree" && swift build --build-tests >"$scratch/build.log" 2>&1) || { tail -n 30 "$scratch/build.log"; exit 1; }

declare -A outcomes
killed=0
runs=0
run_one() {
    local patch="$PWD/$1" name started outcome first=""
    name=$(basename "$patch" .patch)
    started=$SECONDS
    if ! git -C "$tree" apply "$patch" 2>/dev/null; then
        outcome="broken"
        first="the patch does not apply"
    elif ! (cd "$tree" && swift build --build-tests >"$scratch/build.log" 2>&1); then
        outcome="broken"
        first="does not build: $(grep -m1 'error:' "$scratch/build.log" | sed 's/^.*error: //')"
    elif (cd "$tree" && swift test --skip-build --disable-xctest >"$scratch/test.log" 2>&1); then
        outcome="SURVIVED"
    else
        outcome="killed"
        first=$(awk '/^✘ Test / && !/^✘ Test run/ { sub(/^✘ Test /, ""); sub(/ (recorded|failed).*$/, ""); if (!seen[$0]++) print }' \
            "$scratch/test.log" | head -n 3 | paste -sd ',' | sed 's/,/, /g')
        first="failing: ${first:-none named (the test process ended early)}"
    fi
    git -C "$tree" apply -R "$patch" 2>/dev/null || true
    printf '%-48s %-8s %4ss  %s\n' "$name" "$outcome" "$((SECONDS - started))" "$first"
    outcomes[$name]="${outcomes[$name]:-}${outcomes[$name]:+ }$outcome"
    runs=$((runs + 1))
    [ "$outcome" = killed ] && killed=$((killed + 1))
    return 0
}

for round in $(seq 1 "$repeat"); do
    [ "$repeat" -gt 1 ] && echo "== round $round of $repeat"
    for patch in "${patches[@]}"; do run_one "$patch"; done
done
if [ "$repeat" -gt 1 ]; then
    echo "== each mutant across the rounds"
    for patch in "${patches[@]}"; do
        name=$(basename "$patch" .patch)
        printf '%-48s %s\n' "$name" "${outcomes[$name]}"
    done
fi
echo "score: $killed of $runs mutant runs killed"
[ "$killed" -eq "$runs" ]
