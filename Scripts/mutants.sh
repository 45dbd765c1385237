#!/usr/bin/env bash
# The mutation check (docs/testing.md): each patch in Scripts/mutants/ breaks one behaviour
# users depend on. Each is applied alone to a scratch copy of this tree (.build-mutants/tree,
# which keeps its own build between runs), built, and the whole suite run until its first
# failure. A mutant is killed when a test fails, survived when the suite passes (the suite
# missed a defect), or broken when the patch no longer applies or compiles (the patch needs
# mending). One line per mutant, then the score; exits 1 when any survived or broke.
#   Scripts/mutants.sh [--repeat N] [NAME...]   NAME: a patch's name or number prefix (default all)
set -euo pipefail
cd "$(dirname "$0")/.."

repeat=1
names=()
while [ $# -gt 0 ]; do
    case "$1" in
        --repeat) repeat="${2:?--repeat takes a number}"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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

scratch=.build-mutants
tree="$scratch/tree"
mkdir -p "$tree"
# The scratch tree holds the tracked files (and new ones git does not ignore) as they are now,
# with their times kept, beside the .build it keeps: only what changed is compiled again.
find "$tree" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do [ -e "$file" ] || [ -L "$file" ] && printf '%s\0' "$file"; done |
    xargs -0 cp -P -p --parents -t "$tree"

echo "building the unmutated scratch tree first (the first time takes minutes)"
(cd "$tree" && swift build --build-tests >"../build.log" 2>&1) || { tail -n 30 "$scratch/build.log"; exit 1; }

killed=0
failed=0
total=0
run_one() {
    local patch="$1" name started outcome first=""
    name=$(basename "$patch" .patch)
    started=$SECONDS
    if ! (cd "$tree" && patch -p1 --quiet --forward <"../../$patch" >/dev/null); then
        outcome="broken (does not apply)"
    elif ! (cd "$tree" && swift build --build-tests >"../build.log" 2>&1); then
        outcome="broken (does not build: $(grep -m1 'error:' "$scratch/build.log" | sed 's/^.*error: //'))"
    else
        # The suite, stopped at its first failing test.
        first=$(cd "$tree" && (swift test --skip-build --disable-xctest 2>&1 || true) |
            awk '/^✘ Test [^r]/ && !/^✘ Test run/ { sub(/^✘ Test /, ""); sub(/ (recorded|failed).*$/, ""); print; exit }')
        if [ -n "$first" ]; then outcome="killed"; else outcome="SURVIVED"; fi
    fi
    (cd "$tree" && patch -p1 --quiet --reverse <"../../$patch" >/dev/null 2>&1) || true
    printf '%-48s %-8s %4ss  %s\n' "$name" "$outcome" "$((SECONDS - started))" "${first:+first failing: $first}"
    total=$((total + 1))
    case "$outcome" in killed) killed=$((killed + 1)) ;; *) failed=$((failed + 1)) ;; esac
}

for round in $(seq 1 "$repeat"); do
    [ "$repeat" -gt 1 ] && echo "== round $round of $repeat"
    for patch in "${patches[@]}"; do run_one "$patch"; done
done
echo "score: $killed of $total mutant runs killed"
[ "$failed" -eq 0 ]
