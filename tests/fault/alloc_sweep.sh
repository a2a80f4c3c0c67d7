#!/usr/bin/env bash
# Allocation-failure sweep: `vnner annotate` and `vnner ingest` on
# tests/fault/article.txt, once for each failure point (the Nth allocation
# after main starts fails, tests/fault/malloc_fail.c), and every run judged:
#
#   ok       exit 0 and the output (annotate: standard output; ingest: every
#            table of the database, ingested_at aside) byte-identical to the
#            run where nothing fails;
#   error    a documented non-zero exit status (1, 2 or 3) and "out of memory"
#            (or strerror's "Cannot allocate memory") on standard error; for
#            ingest the database then holds nothing of the document, or is
#            the same as the clean run's (the failure came after the commit);
#   CRASH    killed by a signal (or timed out);
#   WRONG    exit 0 with different output or database;
#   UNCLEAR  a non-zero exit status without an out-of-memory message, or an
#            undocumented status;
#   STORED   ingest failed, yet the database holds a different, partial
#            version of the document.
#
# usage: alloc_sweep.sh VNNER SHIM.so DATADIR [annotate|ingest|all]
# environment: SWEEP_STEP (default 1), SWEEP_FROM (1), SWEEP_TO (every point
# of the clean run), SWEEP_JOBS (2), SWEEP_KEEP=DIR keeps each bad run's
# output there.  Exit status 0 when no run is CRASH, WRONG, UNCLEAR or STORED.
set -u
V=$(realpath "$1") SHIM=$(realpath "$2") DATADIR=$(realpath "$3") WHAT=${4:-all}
HERE=$(cd "$(dirname "$0")" && pwd)
ARTICLE=$HERE/article.txt
STEP=${SWEEP_STEP:-1} FROM=${SWEEP_FROM:-1} JOBS=${SWEEP_JOBS:-2}
export VNNER_DATADIR=$DATADIR
command -v sqlite3 > /dev/null || { echo "alloc_sweep: needs sqlite3"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

dumpdb() { # every table, sorted; documents without ingested_at
    [ -s "$1" ] || return 0
    local t
    for t in $(sqlite3 -batch "$1" "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name" 2>/dev/null); do
        echo "== $t"
        if [ "$t" = documents ]; then
            sqlite3 -batch -noheader -cmd '.mode quote' "$1" "SELECT id, name, source, date, hash, length FROM documents"
        else
            sqlite3 -batch -noheader -cmd '.mode quote' "$1" "SELECT * FROM \"$t\""
        fi | LC_ALL=C sort
    done
}
ndocs() { [ -s "$1" ] && sqlite3 -batch "$1" "SELECT count(*) FROM documents" 2>/dev/null || echo 0; }

run() { # run KIND POINT DIR: one run, output in DIR (the shim is preloaded
         # into vnner only, not into timeout, which would count its own)
    local kind=$1 at=$2 d=$3
    case $kind in
    annotate)
        timeout 60 env VNNER_FAIL_AT=$at VNNER_FAIL_COUNT=$d/count LD_PRELOAD=$SHIM \
            "$V" annotate "$ARTICLE" > "$d/out" 2> "$d/err" ;;
    ingest)
        timeout 60 env VNNER_FAIL_AT=$at VNNER_FAIL_COUNT=$d/count LD_PRELOAD=$SHIM \
            "$V" ingest --db "$d/db" -j 1 "$ARTICLE" > /dev/null 2> "$d/err"
        local rc=$?
        dumpdb "$d/db" > "$d/out"
        return $rc ;;
    esac
}

judge() { # judge KIND POINT: prints "POINT CLASS"
    local kind=$1 at=$2 d=$T/$1.$2 rc cls
    mkdir -p "$d"
    run "$kind" "$at" "$d"
    rc=$?
    if [ $rc -ge 124 ]; then
        cls=CRASH
    elif [ $rc -eq 0 ]; then
        cmp -s "$d/out" "$T/$kind.clean/out" && cls=ok || cls=WRONG
    elif [ $rc -le 3 ] && grep -q -e 'out of memory' -e 'Cannot allocate memory' "$d/err"; then
        cls=error
        if [ "$kind" = ingest ] && [ "$(ndocs "$d/db")" != 0 ] && ! cmp -s "$d/out" "$T/$kind.clean/out"; then
            cls=STORED
        fi
    else
        cls=UNCLEAR
    fi
    echo "$at $cls rc=$rc $(head -c 200 "$d/err" | tr '\n\0' '  ')"
    if [ "$cls" != ok ] && [ "$cls" != error ] && [ -n "${SWEEP_KEEP:-}" ]; then
        mkdir -p "$SWEEP_KEEP" && cp -r "$d" "$SWEEP_KEEP/"
    fi
    rm -rf "$d"
}
export -f run judge dumpdb ndocs
export V SHIM ARTICLE T

bad=0
for kind in annotate ingest; do
    [ "$WHAT" = all ] || [ "$WHAT" = "$kind" ] || continue
    mkdir -p "$T/$kind.clean"
    if ! run "$kind" 0 "$T/$kind.clean"; then
        echo "alloc_sweep: the clean $kind run failed:"; cat "$T/$kind.clean/err"; exit 1
    fi
    total=$(cut -d' ' -f1 "$T/$kind.clean/count")
    [ "${total:-0}" -gt 0 ] || { echo "alloc_sweep: the shim counted no allocation (not preloaded?)"; exit 1; }
    to=${SWEEP_TO:-$total}
    seq "$FROM" "$STEP" "$to" | xargs -P "$JOBS" -I{} bash -c 'judge "$0" {}' "$kind" > "$T/$kind.results"
    sort -n "$T/$kind.results" > "$T/$kind.sorted"
    grep -a -v -E '^[0-9]+ (ok|error) ' "$T/$kind.sorted" | head -n 40
    n=$(wc -l < "$T/$kind.sorted")
    summary=""
    for c in ok error CRASH WRONG UNCLEAR STORED; do
        summary+=" $c=$(grep -a -c -E "^[0-9]+ $c " "$T/$kind.sorted")"
    done
    echo "$kind: $total allocations in the clean run; $n failure points tried ($FROM..$to step $STEP):$summary"
    grep -a -q -E '^[0-9]+ (CRASH|WRONG|UNCLEAR|STORED) ' "$T/$kind.sorted" && bad=1
done
exit $bad
