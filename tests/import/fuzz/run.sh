#!/usr/bin/env bash
# run.sh [SECONDS] - build the import fuzzer with clang (libFuzzer, ASan, UBSan) in its own
# build folder, replay tests/import/fuzz/corpus, then fuzz for SECONDS (default 60) on one core.
# New inputs go to a scratch corpus in the build folder, not into the repository; a crash
# is saved there as crash-* and makes the script fail. 
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
command -v clang >/dev/null || { echo "run.sh: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2; exit 1; }

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
# shellcheck disable=SC2046
clang -std=c17 -g -O1 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$root/include" \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    "$root/tests/import/fuzz/fuzz_import.c" $libs \
    $(pkg-config --libs sqlite3 inih jansson xlsxwriter) -lcsv -lm -o "$build/fuzz_import"

mkdir -p "$build/fuzz-corpus"
cd "$build"
# the checked-in corpus must pass as it is
./fuzz_import -runs=0 "$root/tests/import/fuzz/corpus" 2>"$build/fuzz-replay.log" ||
    { tail -30 "$build/fuzz-replay.log" >&2; exit 1; }
./fuzz_import -max_total_time="$seconds" -jobs=1 -workers=1 -max_len=4096 -timeout=10 \
    -dict="$root/tests/import/fuzz/import.dict" -artifact_prefix="$build/" \
    "$build/fuzz-corpus" "$root/tests/import/fuzz/corpus" >"$build/fuzz.log" 2>&1 ||
    { tail -40 "$build/fuzz.log" >&2; echo "run.sh: the fuzzer found a problem; see $build/crash-*" >&2; exit 1; }
tail -1 "$build/fuzz.log"
