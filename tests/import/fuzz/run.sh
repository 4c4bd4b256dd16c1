#!/usr/bin/env bash
# run.sh [SECONDS [TARGET]] - build the two fuzzers with clang (libFuzzer, ASan, UBSan) in
# their own build folder, replay each checked-in corpus, then fuzz each target for SECONDS
# (default 60) on one core:
#   import  fuzz_import.c, CSV files through import (corpus/)
#   db      fuzz_db.c, fuzzed databases through check, the engine and the scores (corpus-db/)
# TARGET picks one (default: both, one after the other). New inputs go to a scratch corpus
# in the build folder, not into the repository (README.md says how to keep them); a crash
# is saved there as crash-* and makes the script fail.
set -euo pipefail
seconds=${1:-60}
only=${2:-all}
root=$(cd "$(dirname "$0")/../../.." && pwd)
here=$root/tests/import/fuzz
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
command -v clang >/dev/null || { echo "run.sh: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }
case $only in all | import | db) ;; *) echo "run.sh: TARGET is import or db, not '$only'" >&2; exit 2 ;; esac

if [ ! -e "$build/build.ninja" ]; then
    CC=clang meson setup "$build" "$root" -Dwerror=false -Db_sanitize=address,undefined \
        -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
ninja -C "$build" >/dev/null
# The layer libraries, callers before what they call (the order a static link needs).
libs=""
for l in import engine demo report_text report_xlsx report_charts report_dashboard \
    report_common contract_db contract base; do
    libs="$libs $build/src/libck_$l.a"
done
for target in import db; do
    # shellcheck disable=SC2086
    clang -std=c17 -g -O1 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$root/include" \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        "$here/fuzz_$target.c" $libs \
        $(pkg-config --libs sqlite3 inih jansson xlsxwriter) -lcsv -lm -o "$build/fuzz_$target"
done

# fuzz TARGET CORPUS MAX_LEN [DICT]: replay CORPUS (every input must pass as it is), then fuzz.
fuzz() {
    local target=$1 corpus=$2 max_len=$3 dict=${4:-}
    mkdir -p "$build/fuzz-corpus-$target"
    cd "$build"
    "./fuzz_$target" -runs=0 "$corpus" 2>"$build/fuzz-$target-replay.log" ||
        { tail -30 "$build/fuzz-$target-replay.log" >&2; exit 1; }
    "./fuzz_$target" -max_total_time="$seconds" -jobs=1 -workers=1 -max_len="$max_len" \
        -timeout=10 ${dict:+-dict="$dict"} -artifact_prefix="$build/" \
        "$build/fuzz-corpus-$target" "$corpus" >"$build/fuzz-$target.log" 2>&1 ||
        { tail -40 "$build/fuzz-$target.log" >&2
          echo "run.sh: fuzz_$target found a problem; see $build/crash-*" >&2; exit 1; }
    echo "fuzz_$target: $(tail -1 "$build/fuzz-$target.log")"
}
[ "$only" = db ] || fuzz import "$here/corpus" 4096 "$here/import.dict"
[ "$only" = import ] || fuzz db "$here/corpus-db" 2048
