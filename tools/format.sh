#!/usr/bin/env bash
# Lays out every C source and header of the tree as .clang-format says.
#
#   tools/format.sh           rewrites the files in place
#   tools/format.sh --check   changes nothing; fails, naming each place,
#                             when a file is not laid out so (CI runs this)
#
# The sources are the .c and .h files of the tree's own directories (not
# the build directories, nor the fuzzers' corpus, which holds inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find include lib cli server tests fuzz bench tools \
    examples -path fuzz/corpus -prune -o -type f \( -name '*.c' -o -name '*.h' \) \
    -print | LC_ALL=C sort)
if [ "${1:-}" = "--check" ]; then
    exec clang-format --dry-run --Werror "${files[@]}"
fi
exec clang-format -i "${files[@]}"
