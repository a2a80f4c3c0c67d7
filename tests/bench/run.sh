#!/usr/bin/env bash
# vnner benchmark: annotate and ingest throughput, peak memory, start-up time,
# `who` latency on a large database. Prints a Markdown table (also saved as
# SCRATCH/results.md). See tests/bench/README.md for what each figure means.
#
# usage: tests/bench/run.sh [--quick] [--db-articles N] [--annotate-mb M] [--ingest-mb M]
#                           [--queries N] [--seed S] [--scratch DIR] [--fresh]
#
#   --quick          small sizes, a smoke run of a few seconds
#   --db-articles N  articles in the `who` database (default 1000000; 0 skips it)
#   --db-chunk N     articles per ingest process when building it (default 100000)
#   --annotate-mb M  size of the annotate corpus, 10^6 bytes of JSONL (default 200)
#   --ingest-mb M    size of the ingest corpus (default 50)
#   --queries N      `who` queries (default 1000)
#   --who-db FILE    time `who` on this existing database instead of building one
#   --seed S         corpus and query seed (default 20240101)
#   --scratch DIR    where corpora and databases go (default $BENCH_DIR, else /tmp/vnner-bench)
#   --fresh          regenerate corpora and rebuild the `who` database even if present
#
# Environment: VNNER=path/to/vnner uses that binary; otherwise a Release build is
# made in build-bench/ at the top of the source tree. BENCH_ARGS supplies the
# arguments when none are given (for `cmake --build build --target bench`).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ $# -eq 0 ] && [ -n "${BENCH_ARGS:-}" ]; then
    # shellcheck disable=SC2086
    set -- $BENCH_ARGS
fi

ANN_MB=200 ING_MB=50 DB_ARTICLES=1000000 DB_CHUNK=100000 QUERIES=1000 SEED=20240101 STARTUP_RUNS=20
SCRATCH=${BENCH_DIR:-/tmp/vnner-bench} FRESH=0 QUICK=0 WHO_DB=
usage() { sed -n '2,22s/^# \{0,1\}//p' "$0"; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --quick) QUICK=1; ANN_MB=2; ING_MB=1; DB_ARTICLES=500; DB_CHUNK=250; QUERIES=100 ;;
        --db-articles) DB_ARTICLES=$2; shift ;;
        --db-chunk) DB_CHUNK=$2; shift ;;
        --annotate-mb) ANN_MB=$2; shift ;;
        --ingest-mb) ING_MB=$2; shift ;;
        --queries) QUERIES=$2; shift ;;
        --who-db) WHO_DB=$2; shift ;;
        --seed) SEED=$2; shift ;;
        --scratch) SCRATCH=$2; shift ;;
        --fresh) FRESH=1 ;;
        -h|--help) usage ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage ;;
    esac
    shift
done

LOAD0=$(cut -d' ' -f1 /proc/loadavg)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }
command -v python3 > /dev/null || die "python3 is needed"
awk -v l="$LOAD0" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }' \
    && log "warning: load average $LOAD0 on $(nproc) CPUs: other work will slow the figures down"
TIME=/usr/bin/time
[ -x "$TIME" ] || { log "no /usr/bin/time (Debian package 'time'): peak memory not measured"; TIME=; }

# ---- the binary
if [ -z "${VNNER:-}" ]; then
    log "building Release in $ROOT/build-bench"
    cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release -DVNNER_TESTS=OFF > /dev/null
    cmake --build "$ROOT/build-bench" --target vnner_cli -j "$(nproc)" > /dev/null
    VNNER=$ROOT/build-bench/vnner
    BUILT="Release build of $(git -C "$ROOT" describe --always --dirty 2> /dev/null || echo 'the source tree')"
else
    BUILT="binary $VNNER"
fi
[ -x "$VNNER" ] || die "$VNNER is not an executable"
VNNER=$(cd "$(dirname "$VNNER")" && pwd)/$(basename "$VNNER")
mkdir -p "$SCRATCH"
SCRATCH=$(cd "$SCRATCH" && pwd)
GEN=(python3 "$HERE/gencorpus.py" --seed "$SEED")
# cached corpora and databases are named after the generator and the gazetteer it reads
GEN_ID=$(cat "$HERE/gencorpus.py" "$ROOT"/gazetteer/*.tsv | cksum | cut -d' ' -f1)
TIMING=(python3 "$HERE/timing.py")

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%$2\n\", $1 }"; }   # calc EXPR FORMAT: calc "1/3" .2f
stat_of() { sed -n "s/^$2 //p" "$1"; }     # stat_of FILE.stats KEY

# corpus MB -> path of a JSONL corpus of MB 10^6 bytes (made once, then reused)
corpus() {
    local f="$SCRATCH/corpus-$1mb-s$SEED-g$GEN_ID.jsonl"
    if [ "$FRESH" = 1 ] || [ ! -s "$f.stats" ]; then
        log "generating $1 MB corpus -> $f"
        local t0; t0=$(now)
        "${GEN[@]}" --megabytes "$1" --format jsonl --stats "$f.stats" > "$f" 2> /dev/null
        echo "gen_seconds $(calc "$(now) - $t0" .1f)" >> "$f.stats"
    fi
    echo "$f"
}

# measure NAME CMD... : wall seconds and peak RSS (KB) of one run into NAME.{wall,rss}; stdout discarded
measure() {
    local name=$1; shift
    local t0 t1 rc=0
    t0=$(now)
    if [ -n "$TIME" ]; then
        "$TIME" -f %M -o "$SCRATCH/$name.rss" "$@" > /dev/null 2> "$SCRATCH/$name.err" || rc=$?
    else
        "$@" > /dev/null 2> "$SCRATCH/$name.err" || rc=$?
        echo n/a > "$SCRATCH/$name.rss"
    fi
    t1=$(now)
    [ "$rc" = 0 ] || { cat "$SCRATCH/$name.err" >&2; die "$name: '$*' exited with $rc"; }
    calc "$t1 - $t0" .3f > "$SCRATCH/$name.wall"
}
rss_mb() { local k; k=$(tail -n 1 "$SCRATCH/$1.rss"); [ "$k" = n/a ] && echo n/a || calc "$k / 1024" .0f; }

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 |"); }

# ---- start-up
log "start-up: $STARTUP_RUNS runs of 'vnner annotate -' on empty input"
out=$("${TIMING[@]}" startup "$VNNER" "$STARTUP_RUNS")
read -r su_med su_min su_max <<< "$out"

# ---- annotate
ANN=$(corpus "$ANN_MB")
ann_docs=$(stat_of "$ANN.stats" articles) ann_text=$(stat_of "$ANN.stats" text_bytes)
ann_file=$(stat_of "$ANN.stats" output_bytes)
log "annotate --format jsonl --input jsonl on $ANN ($ann_docs articles), 1 process"
measure annotate "$VNNER" annotate --format jsonl --input jsonl "$ANN"
w=$(cat "$SCRATCH/annotate.wall")
row "annotate throughput" "**$(calc "$ann_file / 1e6 / $w" .2f) MB/s**, $(calc "$ann_docs / $w" .0f) articles/s" \
    "\`annotate --format jsonl --input jsonl\`, one process, output to /dev/null; $(calc "$ann_file / 1e6" .0f) MB JSONL ($(calc "$ann_text / 1e6" .0f) MB of article text, $ann_docs articles) in $(calc "$w" .1f) s"
row "annotate peak memory" "**$(rss_mb annotate) MB**" "maximum resident set size of that run (\`/usr/bin/time -f %M\`)"

# ---- pathological documents: one sentence of many names, one repeated title, one long line of
# "name, post, " (the shapes that were quadratic); each should run at the speed of normal text
PATHO_KB=$([ "$QUICK" = 1 ] && echo 200 || echo 10000)
python3 - "$SCRATCH" "$PATHO_KB" <<'PY'
import random, sys
out, kb = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
sur, mid, giv = "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi".split(), "Văn Thị Minh Quốc Thanh".split(), \
    "An Bình Cường Dũng Hà Lan Nam Sơn Tâm Tuấn".split()
def fill(name, head, piece, n=None):
    with open("%s/patho-%s.txt" % (out, name), "w", encoding="utf-8") as f:
        f.write(head)
        size = 0
        while size < kb * 1000 if n is None else n > 0:
            s = piece()
            f.write(s)
            size += len(s.encode())
            n = None if n is None else n - 1
        f.write(".\n")
person = lambda: "%s %s %s" % (rng.choice(sur), rng.choice(mid), rng.choice(giv))
fill("names", "Dự hội nghị có ", lambda: "ông %s, " % person(), 10000)
fill("title", "", lambda: "Phó Chủ tịch UBND tỉnh ")
fill("line", "", lambda: "%s, Bí thư Tỉnh ủy, " % person())
PY
for k in names title line; do
    f="$SCRATCH/patho-$k.txt"
    measure "patho-$k" "$VNNER" annotate --max-size 100000000 --format jsonl "$f"
    w=$(cat "$SCRATCH/patho-$k.wall") sz=$(stat -c %s "$f")
    case $k in names) what="10,000 names in one sentence" ;; title) what="one title repeated" ;;
               line) what="one line of \"name, Bí thư Tỉnh ủy, \" repeated" ;; esac
    row "annotate, $what" "**$(calc "$sz / 1e6 / $w" .2f) MB/s**, peak $(rss_mb "patho-$k") MB" \
        "$(calc "$sz / 1e6" .1f) MB of text in one document in $(calc "$w" .2f) s"
done

# ---- ingest, one and two annotating threads
ING=$(corpus "$ING_MB")
ing_docs=$(stat_of "$ING.stats" articles) ing_file=$(stat_of "$ING.stats" output_bytes)
for j in 1 2; do
    db="$SCRATCH/ingest-j$j.db"
    rm -f "$db" "$db-wal" "$db-shm"
    log "ingest -j $j of $ING ($ing_docs articles) into a new database"
    measure "ingest-j$j" "$VNNER" ingest --db "$db" --input jsonl -j "$j" "$ING"
    w=$(cat "$SCRATCH/ingest-j$j.wall")
    row "ingest \`-j $j\`" "**$(calc "$ing_file / 1e6 / $w" .2f) MB/s**, $(calc "$ing_docs / $w" .0f) articles/s" \
        "\`ingest --input jsonl -j $j\` into a new database; $(calc "$ing_file / 1e6" .0f) MB JSONL, $ing_docs articles, in $(calc "$w" .1f) s; peak memory $(rss_mb "ingest-j$j") MB"
done
rm -f "$SCRATCH"/ingest-j?.db*

row "start-up" "**$su_med ms**" "median of $STARTUP_RUNS runs of \`vnner annotate -\` on empty input (min $su_min, max $su_max): process start, gazetteer and rules loaded"

# ---- the `who` database
if [ -n "$WHO_DB" ]; then
    DB=$WHO_DB build_s=
    [ -s "$DB" ] || die "$DB: no such database"
elif [ "$DB_ARTICLES" -gt 0 ]; then
    DB="$SCRATCH/who-$DB_ARTICLES-s$SEED-g$GEN_ID.db"
    [ "$FRESH" = 1 ] && rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.done" "$DB.progress" "$DB.walmax"
    if [ ! -s "$DB.done" ]; then
        # Built in chunks of DB_CHUNK articles, one ingest process each: a process that
        # ends checkpoints its WAL, which a single long ingest does not do before it ends
        # (see README). An interrupted build resumes at the chunk it was in.
        next=1 spent=0
        if [ -s "$DB.progress" ]; then
            next=$(stat_of "$DB.progress" next) spent=$(stat_of "$DB.progress" seconds)
        else
            rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.walmax"
        fi
        log "building the who database: $DB_ARTICLES articles generated and ingested in chunks of $DB_CHUNK -> $DB"
        touch "$SCRATCH/.building"
        ( max=$(cat "$DB.walmax" 2> /dev/null || echo 0)   # largest WAL seen, sampled every 2 s
          while [ -e "$SCRATCH/.building" ]; do
              s=$(stat -c %s "$DB-wal" 2> /dev/null || echo 0)
              [ "$s" -gt "$max" ] && max=$s && echo "$max" > "$DB.walmax"
              sleep 2
          done ) &
        watcher=$!
        while [ "$next" -le "$DB_ARTICLES" ]; do
            n=$(( DB_ARTICLES - next + 1 )); [ "$n" -gt "$DB_CHUNK" ] && n=$DB_CHUNK
            t0=$(now)
            "${GEN[@]}" --start "$next" --articles "$n" --format jsonl 2> /dev/null \
                | "$VNNER" ingest --db "$DB" --input jsonl - 2>> "$DB.log"
            spent=$(calc "$spent + $(now) - $t0" .1f) next=$(( next + n ))
            printf 'next %s\nseconds %s\n' "$next" "$spent" > "$DB.progress"
            log "  $(( next - 1 )) articles stored, $(calc "$spent / 60" .1f) min"
        done
        rm -f "$SCRATCH/.building"; wait "$watcher" || true
        echo "build_seconds $spent" > "$DB.done"
        rm -f "$DB.progress"
    fi
    build_s=$(stat_of "$DB.done" build_seconds)
fi
if [ -n "${DB:-}" ]; then
    db_bytes=$(( $(stat -c %s "$DB") + $( [ -f "$DB-wal" ] && stat -c %s "$DB-wal" || echo 0) ))
    out=$("${TIMING[@]}" dbstats "$DB")
    read -r n_docs n_persons n_posts n_holdings <<< "$out"
    log "who: $QUERIES queries on $DB"
    out=$("${TIMING[@]}" who "$VNNER" "$DB" "$QUERIES" "$SEED")
    read -r q_med q_p99 q_mean q_max q_ans q_posts <<< "$out"
    row "\`who\` latency, median" "**$q_med ms**" "$QUERIES queries \`who --db DB --on DATE --format json POST\`, one process each: process time including start-up; mean $q_mean ms, max $q_max ms; $q_ans of $QUERIES name a holder"
    row "\`who\` latency, 99th percentile" "**$q_p99 ms**" "posts sampled among the $q_posts posts with dated holdings, each with the date of one of its holdings"
    log "who --batch: the same $QUERIES queries through one process"
    out=$("${TIMING[@]}" batch "$VNNER" "$DB" "$QUERIES" "$SEED")
    read -r b_med b_p99 b_mean b_start <<< "$out"
    row "\`who --batch\` latency a query, median / p99" "**$b_med / $b_p99 ms**" "the same queries as \`POST<TAB>DATE\` lines to one \`who --batch --format json\` process, each answer read before the next query is sent; mean $b_mean ms; the process's start-up, paid once: $b_start ms"
    if [ -n "$build_s" ]; then
        walmax=$(cat "$DB.walmax" 2> /dev/null || echo 0)
        how="built in $(calc "$build_s / 60" .1f) min, generator piped into \`ingest\` (default threads), $DB_CHUNK articles per process; largest WAL during the build $(calc "$walmax / 1e6" .0f) MB"
    else
        how="the database given with --who-db"
    fi
    row "database size" "**$(calc "$db_bytes / 1e6" .0f) MB**" "$n_docs articles; $n_persons persons, $n_posts posts, $n_holdings holdings; $how"
fi

# ---- report
{
    echo "vnner benchmark, $(date -u +%Y-%m-%d), \`$("$VNNER" --version)\` ($BUILT),"
    echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(calc "$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo) / 1048576" .0f) GiB RAM, load average $LOAD0 at the start and $(cut -d' ' -f1 /proc/loadavg) at the end.$([ "$QUICK" = 1 ] && echo " **Quick run: small sizes, not representative.**")"
    echo
    echo "| measure | value | how |"
    echo "| --- | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
} | tee "$SCRATCH/results.md"
