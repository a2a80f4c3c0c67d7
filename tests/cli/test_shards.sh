#!/usr/bin/env bash
# Sharded annotation merges into the same database as a single ingest: a generated
# corpus is split in four shards, annotated by four parallel processes
# (annotate --input jsonl --with-text), the results ingested with --input annotated;
# the same corpus ingested in one process must give the same content (compared as
# sorted dumps of names, dates and text, not row ids), also when the shards are
# merged in another order, and when one or two threads annotate (display names
# included: the store keeps the same spelling of a name whatever the order of
# ingestion). Re-ingesting a shard, as annotations or as text, adds nothing.
# usage: test_shards.sh VNNER TESTDIR   (needs python3 and sqlite3)
set -u
V=$1
TESTDIR=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
for tool in python3 sqlite3; do
    if ! command -v "$tool" > /dev/null; then
        echo "FAIL: $tool is not installed (./bootstrap test installs it)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
ARTICLES=300

python3 "$TESTDIR/bench/gencorpus.py" --articles "$ARTICLES" --seed 7 --format jsonl > "$T/corpus.jsonl" 2> "$T/gen.err"
check "corpus generated" test "$(wc -l < "$T/corpus.jsonl")" -eq "$ARTICLES"

# four shards, annotated by four processes at once
mkdir "$T/shards"
split -n l/4 -d --additional-suffix=.jsonl "$T/corpus.jsonl" "$T/shards/shard"
check "four shards" test "$(ls "$T/shards" | wc -l)" -eq 4
check "shards hold the corpus" test "$(cat "$T"/shards/shard*.jsonl | cmp - "$T/corpus.jsonl" && echo same)" = same
ls "$T"/shards/shard*.jsonl | xargs -P 4 -I{} \
    sh -c '"$0" annotate --input jsonl --with-text "$1" > "$1.ann" 2> "$1.err"' "$V" {}
check "parallel annotate: 0" test $? -eq 0
check "one annotation per article" test "$(cat "$T"/shards/*.ann | wc -l)" -eq "$ARTICLES"
check "annotations carry the text" grep -q '"text":"' "$T/shards/shard00.jsonl.ann"
for f in "$T"/shards/*.ann; do mv "$f" "${f%.jsonl.ann}.ann.jsonl"; done

"$V" ingest --db "$T/A.db" --input annotated "$T"/shards/*.ann.jsonl > /dev/null 2> "$T/a.err"
check "ingest annotated shards: 0" test $? -eq 0
"$V" ingest --db "$T/B.db" --input jsonl "$T/corpus.jsonl" > /dev/null 2> "$T/b.err"
check "ingest corpus in one process: 0" test $? -eq 0

# Content dumps: natural keys instead of row ids, every column but ingestion times.
# Persons, bodies and posts are identified by their normalised names (what vnner
# keys them on); their display names are the table "names".
PER="p.norm, p.area"
Q_documents="SELECT name, source, date, hash, length FROM documents"
Q_persons="SELECT norm, area FROM persons"
Q_bodies="SELECT norm FROM bodies"
Q_posts="SELECT po.norm, b.norm FROM posts po LEFT JOIN bodies b ON b.id = po.body_id"
Q_holdings="SELECT $PER, po.norm, d.name, h.qualifier, h.doc_date, h.start_date, h.end_date, h.term,
    coalesce(h.evidence, (SELECT text FROM sentences WHERE id = h.sentence_id)), h.rule, h.place FROM holdings h JOIN persons p ON p.id = h.person_id
    JOIN posts po ON po.id = h.post_id JOIN documents d ON d.id = h.doc_id"
Q_events="SELECT d.name, e.name, e.norm, e.date FROM events e JOIN documents d ON d.id = e.doc_id"
Q_participations="SELECT $PER, e.norm, e.date, d.name, pa.role, coalesce(pa.evidence, (SELECT text FROM sentences WHERE id = pa.sentence_id)) FROM participations pa
    JOIN persons p ON p.id = pa.person_id JOIN events e ON e.id = pa.event_id JOIN documents d ON d.id = e.doc_id"
Q_awards="SELECT d.name, $PER, a.recipient, a.award, a.giver, coalesce(a.evidence, (SELECT text FROM sentences WHERE id = a.sentence_id)) FROM awards a
    JOIN documents d ON d.id = a.doc_id LEFT JOIN persons p ON p.id = a.person_id"
Q_authors="SELECT d.name, $PER FROM authors au JOIN documents d ON d.id = au.doc_id JOIN persons p ON p.id = au.person_id"
Q_mentions="SELECT d.name, $PER, m.spans FROM mentions m JOIN documents d ON d.id = m.doc_id
    JOIN persons p ON p.id = m.person_id"
Q_names="SELECT 'person', norm || ' @ ' || area, name FROM persons UNION ALL
    SELECT 'body', norm, name FROM bodies UNION ALL SELECT 'post', norm, name FROM posts"
TABLES="documents persons bodies posts holdings events participations awards authors mentions names"
dump() { # dump DB TABLE: the table's content, quoted, sorted
    local q="Q_$2"
    sqlite3 -batch -noheader -cmd '.mode quote' "$1" "${!q}" | LC_ALL=C sort
}
dump_all() { local t; for t in $TABLES; do echo "== $t"; dump "$1" "$t"; done; }
same_content() { # same_content DB1 DB2 WHAT
    local t
    for t in $TABLES; do
        dump "$1" "$t" > "$T/x.$t"
        dump "$2" "$t" > "$T/y.$t"
        if cmp -s "$T/x.$t" "$T/y.$t"; then
            check "same $t ($3)" true
        else
            check "same $t ($3)" false
            diff "$T/x.$t" "$T/y.$t" | head -n 6
        fi
    done
}

check "A has every article" test "$(sqlite3 "$T/A.db" 'SELECT count(*) FROM documents')" -eq "$ARTICLES"
check "B has every article" test "$(sqlite3 "$T/B.db" 'SELECT count(*) FROM documents')" -eq "$ARTICLES"
check "holdings found" test "$(sqlite3 "$T/B.db" 'SELECT count(*) FROM holdings')" -gt "$ARTICLES"
check "participations found" test "$(sqlite3 "$T/B.db" 'SELECT count(*) FROM participations')" -gt 0
check "awards found" test "$(sqlite3 "$T/B.db" 'SELECT count(*) FROM awards')" -gt 0
same_content "$T/A.db" "$T/B.db" "shards vs one process"

# The shards merged in the opposite order, one thread: the same content...
ls "$T"/shards/*.ann.jsonl | sort -r > "$T/reverse"
xargs "$V" ingest --db "$T/R.db" --input annotated -j 1 < "$T/reverse" > /dev/null 2> "$T/r.err"
check "ingest shards in reverse order: 0" test $? -eq 0
same_content "$T/R.db" "$T/B.db" "shards in reverse order vs one process"
# ...and one thread or two annotating the corpus (with two, the order in which
# documents reach the store depends on thread timing): the same content.
"$V" ingest --db "$T/F.db" --input jsonl -j 1 "$T/corpus.jsonl" > /dev/null 2> "$T/f.err"
check "ingest corpus, one thread: 0" test $? -eq 0
"$V" ingest --db "$T/J.db" --input jsonl -j 2 "$T/corpus.jsonl" > /dev/null 2> "$T/j.err"
check "ingest corpus, two threads: 0" test $? -eq 0
same_content "$T/F.db" "$T/J.db" "-j 1 vs -j 2"
same_content "$T/F.db" "$T/R.db" "one process vs shards in reverse order"
# Two threads store in input order, whatever order they finish in: two runs
# give byte-identical exports, graphs and answers (row ids included).
"$V" ingest --db "$T/J2.db" --input jsonl -j 2 "$T/corpus.jsonl" > /dev/null 2> "$T/j2.err"
check "ingest corpus, two threads again: 0" test $? -eq 0
for fmt in csv popolo quickstatements; do
    "$V" export --db "$T/J.db" --format "$fmt" > "$T/J.$fmt" 2> /dev/null
    "$V" export --db "$T/J2.db" --format "$fmt" > "$T/J2.$fmt" 2> /dev/null
    check "-j 2 twice: identical export $fmt" cmp -s "$T/J.$fmt" "$T/J2.$fmt"
done
"$V" graph --db "$T/J.db" --max-nodes 100000 > "$T/J.dot" 2> /dev/null
"$V" graph --db "$T/J2.db" --max-nodes 100000 > "$T/J2.dot" 2> /dev/null
check "-j 2 twice: identical DOT" cmp -s "$T/J.dot" "$T/J2.dot"
check "-j 2 twice: the DOT is not empty" grep -q -- '->' "$T/J.dot"
sqlite3 "$T/J.db" 'SELECT name FROM posts ORDER BY id' > "$T/posts"
"$V" who --db "$T/J.db" --on 2024-06-01 --format json --batch < "$T/posts" > "$T/J.who" 2> /dev/null
"$V" who --db "$T/J2.db" --on 2024-06-01 --format json --batch < "$T/posts" > "$T/J2.who" 2> /dev/null
check "-j 2 twice: identical who answers ($(wc -l < "$T/posts") posts)" cmp -s "$T/J.who" "$T/J2.who"
rowdump() { sqlite3 "$1" .dump | sed -E "s/,'[0-9-]{10}T[0-9:]{8}Z'\);\$/);/"; } # without ingestion times
check "-j 2 twice: identical tables, row ids included" test "$(rowdump "$T/J.db" | md5sum)" = "$(rowdump "$T/J2.db" | md5sum)"

# The same id twice in one input: the later line is a re-published version and
# replaces the earlier one, however the threads finish; the summary counts it.
python3 - "$T/corpus.jsonl" > "$T/dup.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()[:40]
first = json.loads(lines[3])
later = dict(first, text=first['text'] + ' Bản đã sửa: ông Trần Văn Bình, Chủ tịch UBND tỉnh Cao Bằng, dự hội nghị.')
print('\n'.join(lines + [json.dumps(later, ensure_ascii=False)]))
PY
dupid=$(sed -n 4p "$T/dup.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for run in 1 2 3; do
    rm -f "$T/D.db"*
    "$V" ingest --db "$T/D.db" --input jsonl -j 2 "$T/dup.jsonl" > /dev/null 2> "$T/d.err"
    check "same id twice, -j 2 (run $run): 0" test $? -eq 0
    check "same id twice (run $run): one document of that id" \
        test "$(sqlite3 "$T/D.db" "SELECT count(*) FROM documents WHERE name = '$dupid'")" -eq 1
    check "same id twice (run $run): the later text kept" \
        test "$(sqlite3 "$T/D.db" "SELECT count(*) FROM holdings h JOIN documents d ON d.id = h.doc_id
            JOIN persons p ON p.id = h.person_id WHERE d.name = '$dupid' AND p.name = 'Trần Văn Bình'")" -ge 1
    check "same id twice (run $run): the summary says 1 replaced" grep -q "41 documents read, 41 stored, 0 already stored, 0 failed, 1 replaced" "$T/d.err"
done

# The corpus spells posts in more than one way (more spellings in the annotations
# than posts stored), or the names checks would prove nothing.
spellings=$(cat "$T"/shards/*.ann.jsonl | python3 -c '
import json, sys
print(len({r["post"] for l in sys.stdin for r in json.loads(l)["relations"] if r["type"] == "HOLDS"}))')
check "posts spelled several ways ($spellings spellings, $(sqlite3 "$T/F.db" 'SELECT count(*) FROM posts') posts)" \
    test "$spellings" -gt "$(sqlite3 "$T/F.db" 'SELECT count(*) FROM posts')"

# re-ingesting a shard adds nothing, whether as annotations or as text
dump_all "$T/A.db" > "$T/A.before"
"$V" ingest --db "$T/A.db" --input annotated "$T/shards/shard01.ann.jsonl" > /dev/null 2> "$T/re.err"
check "re-ingest annotated shard: 0" test $? -eq 0
dump_all "$T/A.db" > "$T/A.after1"
check "re-ingest annotated shard adds nothing" cmp -s "$T/A.before" "$T/A.after1"
"$V" ingest --db "$T/A.db" --input jsonl "$T/shards/shard02.jsonl" > /dev/null 2> "$T/re2.err"
check "re-ingest shard as text: 0" test $? -eq 0
dump_all "$T/A.db" > "$T/A.after2"
check "re-ingest shard as text adds nothing" cmp -s "$T/A.before" "$T/A.after2"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
