#!/usr/bin/env bash
# Copies this repository's files into DEST as a clone of the change would hold them: the
# files git tracks (staged content as it stands in the working tree), links kept as links,
# modification times kept (so a build in DEST recompiles only what changed since its last
# copy). With --with-untracked, new files git does not ignore come too.
#   Scripts/copy-tree.sh DEST [--with-untracked]
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:?usage: Scripts/copy-tree.sh DEST [--with-untracked]}"
others=()
case "${2:-}" in
    --with-untracked) others=(--others --exclude-standard) ;;
    "") ;;
    *) echo "copy-tree: unknown argument $2" >&2; exit 64 ;;
esac
mkdir -p "$dest"
git ls-files -z --cached "${others[@]}" |
    while IFS= read -r -d '' file; do [ -e "$file" ] || [ -L "$file" ] && printf '%s\0' "$file"; done |
    xargs -0 cp -P -p --parents -t "$dest"
