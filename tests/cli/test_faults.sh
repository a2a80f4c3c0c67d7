#!/usr/bin/env bash
# Database faults: read-only file and folder, damaged files, a newer schema, a
# full disk (VNNER_SQLITE_MAX_PAGES), two ingests at once, kill -9 during an
# ingest; and escaping from a document's text and name to every output
# format and through the store.  Exit status 3 for the database, and what was
# committed before a failure stays.
# usage: test_faults.sh VNNER TESTDIR
. "$(dirname "$0")/lib.sh"
unset VNNER_DB VNNER_SQLITE_MAX_PAGES

for tool in sqlite3 python3; do
    if ! command -v $tool > /dev/null 2>&1; then
        echo "FAIL: $tool is not installed (./bootstrap test installs it)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

# ---- documents, made up and numbered so that every text differs -------------
gen() { # gen FROM TO [SUFFIX]: JSON Lines records FROM..TO-1
    local first=(Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ) mid=(Văn Thị Minh Quốc Đức Thanh Hữu Ngọc)
    local last=(An Bình Cường Dũng Giang Hải Khoa Long Mai Nam Phong Quân Sơn Tâm Uyên Vinh)
    local prov=("Hà Giang" "Cao Bằng" "Lào Cai" "Yên Bái" "Sơn La" "Hòa Bình" "Thái Bình" "Nam Định" "Ninh Bình" "Thanh Hóa")
    local posts=("Bí thư Tỉnh ủy" "Chủ tịch UBND tỉnh" "Phó Chủ tịch UBND tỉnh" "Chủ tịch HĐND tỉnh" "Giám đốc Sở Tài chính tỉnh")
    local i d m
    for ((i = $1; i < $2; i++)); do
        d=$((1 + i % 28)) m=$((1 + i % 12))
        printf '{"id":"doc%05d","date":"2024-%02d-%02d","text":"Ngày %d/%d/2024, ông %s %s %s, %s %s, chủ trì hội nghị lần thứ %d về phát triển kinh tế - xã hội; %d đại biểu dự.%s"}\n' \
            "$i" "$m" "$d" "$d" "$m" "${first[i % 10]}" "${mid[i / 10 % 8]}" "${last[i / 80 % 16]}" \
            "${posts[i % 5]}" "${prov[i / 5 % 10]}" "$i" "$((i * 7 % 1000))" "${3:-}"
    done
}
gen 0 600 > b1.jsonl
gen 600 3000 > b2.jsonl
count() { sqlite3 "$1" "SELECT count(*) FROM documents"; }
# Everything the store holds, without row ids or ingestion times, sorted.
dump() {
    sqlite3 "$1" "
SELECT 'doc', name, hash, date, length, source FROM documents ORDER BY hash;
SELECT 'holds', p.name, p.norm, p.area, po.name, po.norm, b.name, h.qualifier, h.doc_date, h.start_date, h.end_date,
       h.term, coalesce(h.evidence, (SELECT text FROM sentences WHERE id = h.sentence_id)), h.rule, h.place, d.hash
  FROM holdings h JOIN persons p ON p.id = h.person_id JOIN posts po ON po.id = h.post_id
  LEFT JOIN bodies b ON b.id = po.body_id JOIN documents d ON d.id = h.doc_id ORDER BY 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16;
SELECT 'part', p.norm, p.area, e.name, e.norm, e.date, pa.role, coalesce(pa.evidence, (SELECT text FROM sentences WHERE id = pa.sentence_id)), d.hash
  FROM participations pa JOIN persons p ON p.id = pa.person_id JOIN events e ON e.id = pa.event_id
  JOIN documents d ON d.id = e.doc_id ORDER BY 2,3,4,5,6,7,8,9;
SELECT 'award', d.hash, p.norm, a.recipient, a.award, a.giver, coalesce(a.evidence, (SELECT text FROM sentences WHERE id = a.sentence_id))
  FROM awards a JOIN documents d ON d.id = a.doc_id LEFT JOIN persons p ON p.id = a.person_id ORDER BY 2,3,4,5,6,7;
SELECT 'author', d.hash, p.norm FROM authors au JOIN documents d ON d.id = au.doc_id JOIN persons p ON p.id = au.person_id ORDER BY 2,3;
SELECT 'mention', d.hash, p.norm, p.area, m.spans
  FROM mentions m JOIN documents d ON d.id = m.doc_id JOIN persons p ON p.id = m.person_id ORDER BY 2,3,4,5;
SELECT 'person', name, norm, area FROM persons ORDER BY 3,4;
SELECT 'post', name, norm FROM posts ORDER BY 3;
SELECT 'body', name, norm FROM bodies ORDER BY 3;"
}
integrity() { test "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok; }
sum() { md5sum "$1" | cut -d' ' -f1; }

"$V" ingest --db base.db --input jsonl b1.jsonl 2> /dev/null
check "base database: 600 documents" test "$(count base.db)" -eq 600
POST="Bí thư Tỉnh ủy Hà Giang"
ON=2024-01-04
PERSON="Nguyễn Văn An"
"$V" who --db base.db --on $ON --format json "$POST" > who.base
"$V" positions --db base.db --format json "$PERSON" > positions.base
check "base database answers who" has who.base '"person":"Nguyễn Văn An"'
check "base database answers positions" has positions.base '"post":"Bí thư Tỉnh ủy Hà Giang"'
printf 'Thứ Ba, 05/03/2024\n\nBà Lê Thị Mới, Chủ tịch UBND tỉnh Điện Biên, dự hội nghị tổng kết.\n' > new.txt

# ---- read-only file and folder ------------------------------------------------
# As root, chmod does not stop writing: a read-only bind mount in a private
# mount namespace does.  Without either, the checks cannot be made: a failure.
mkdir probe
RO=none
if [ "$(id -u)" -ne 0 ]; then
    RO=chmod
elif command -v unshare > /dev/null 2>&1 &&
    unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && ! touch "$1/x" 2> /dev/null' sh probe 2> /dev/null; then
    RO=mount
fi
with_ro() { # with_ro PATH CMD...: runs CMD while PATH (a file or a folder) is read-only
    local p=$1 rc
    shift
    if [ $RO = chmod ]; then
        chmod a-w "$p"
        "$@"
        rc=$?
        chmod u+w "$p"
        return $rc
    fi
    unshare -m sh -c 'p=$1; shift; mount --bind "$p" "$p" && mount -o remount,ro,bind "$p" && exec "$@"' sh "$p" "$@"
}
if [ $RO = none ]; then
    check "read-only database and folder: a way to make a folder read-only (as root: a mount namespace)" false
else
    [ $RO = mount ] && echo "note: running as root; read-only means a read-only bind mount here"
    mkdir rofile rodir
    cp base.db rofile/r.db
    cp base.db rodir/r.db
    s0=$(sum rofile/r.db)
    # the database file read-only, its folder writable
    with_ro rofile/r.db "$V" who --db rofile/r.db --on $ON --format json "$POST" > out 2> err
    check "read-only file: who exit 0" test $? -eq 0
    check "read-only file: who answers" cmp -s out who.base
    with_ro rofile/r.db "$V" positions --db rofile/r.db --format json "$PERSON" > out 2> err
    check "read-only file: positions exit 0" test $? -eq 0
    check "read-only file: positions answers" cmp -s out positions.base
    with_ro rofile/r.db "$V" ingest --db rofile/r.db new.txt > out 2> err
    check "read-only file: ingest exit 3" test $? -eq 3
    check "read-only file: message names the file" grep -q "rofile/r.db: " err
    check "read-only file: message says read-only" grep -qi "read-only\|readonly" err
    check "read-only file: unchanged" test "$(sum rofile/r.db)" = "$s0"
    # the folder read-only (the database may not create its -wal and -shm files)
    with_ro rodir "$V" who --db rodir/r.db --on $ON --format json "$POST" > out 2> err
    check "read-only folder: who exit 0" test $? -eq 0
    check "read-only folder: who answers" cmp -s out who.base
    with_ro rodir "$V" ingest --db rodir/r.db new.txt > out 2> err
    check "read-only folder: ingest exit 3" test $? -eq 3
    check "read-only folder: message names the file" grep -q "rodir/r.db: " err
    check "read-only folder: message says read-only" grep -qi "read-only\|readonly" err
    check "read-only folder: unchanged" test "$(sum rodir/r.db)" = "$s0"
    with_ro rodir "$V" ingest --db rodir/new.db new.txt > out 2> err
    check "read-only folder, new database: ingest exit 3" test $? -eq 3
    check "read-only folder, new database: message names the file" grep -q "rodir/new.db: " err
    check "read-only folder, new database: nothing created" test ! -e rodir/new.db
fi

# ---- damaged files --------------------------------------------------------------
pattern() { # N bytes of printable garbage, the same every run
    yes 'garbage 0123456789 ~!@#$%^&*() ' | tr -d '\n' | head -c "$1"
}
pattern 50000 > garbage.db
printf 'hello, this is a text file, not a database\n' > text.db
for f in garbage text; do
    s0=$(sum $f.db)
    "$V" who --db $f.db "$POST" > out 2> err
    check "$f file: who exit 3" test $? -eq 3
    check "$f file: who says damaged or not a database" grep -Eq "$f.db: .*(not a database|damaged|malformed)" err
    "$V" ingest --db $f.db new.txt > out 2> err
    check "$f file: ingest exit 3" test $? -eq 3
    check "$f file: ingest says damaged or not a database" grep -Eq "$f.db: .*(not a database|damaged|malformed)" err
    check "$f file: unchanged" test "$(sum $f.db)" = "$s0"
done
# a real database whose middle pages are overwritten
cp base.db mid.db
pages=$(sqlite3 mid.db "PRAGMA page_count")
psize=$(sqlite3 mid.db "PRAGMA page_size")
pattern $((pages / 2 * psize)) | dd of=mid.db bs="$psize" seek=$((pages / 4)) conv=notrunc status=none
s0=$(sum mid.db)
check "damaged database: integrity_check sees the damage" test "$(sqlite3 mid.db 'PRAGMA integrity_check' 2>&1)" != ok
# an answer is either refused (exit 3) or right: never a wrong answer with exit 0
"$V" who --db mid.db --on $ON --format json "$POST" > out 2> err
rc=$?
check "damaged database: who refuses (3) or answers right (0)" test $rc -eq 3 -o \( $rc -eq 0 -a "$(cat out)" = "$(cat who.base)" \)
[ $rc -eq 3 ] && check "damaged database: who says damaged" grep -Eq "mid.db: .*(damaged|malformed)" err
"$V" positions --db mid.db --format json "$PERSON" > out 2> err
rc=$?
check "damaged database: positions refuses (3) or answers right (0)" test $rc -eq 3 -o \( $rc -eq 0 -a "$(cat out)" = "$(cat positions.base)" \)
"$V" ingest --db mid.db --input jsonl b1.jsonl > out 2> err
check "damaged database: ingest of stored documents exit 3" test $? -eq 3
check "damaged database: ingest says damaged" grep -Eq "mid.db: .*(damaged|malformed)" err
check "damaged database: unchanged" test "$(sum mid.db)" = "$s0"
"$V" ingest --db mid.db new.txt > out 2> err
check "damaged database: ingest of a new document exit 3" test $? -eq 3
check "damaged database: still unchanged" test "$(sum mid.db)" = "$s0"

# ---- a database from a newer vnner, and someone else's database -------------------
cp base.db newer.db
sqlite3 newer.db "PRAGMA user_version=99"
s0=$(sum newer.db)
"$V" who --db newer.db "$POST" > out 2> err
check "newer schema: who exit 3" test $? -eq 3
check "newer schema: who says newer" grep -q "newer.db: .*newer vnner" err
"$V" positions --db newer.db "$PERSON" > out 2> err
check "newer schema: positions exit 3" test $? -eq 3
"$V" ingest --db newer.db new.txt > out 2> err
check "newer schema: ingest exit 3" test $? -eq 3
check "newer schema: ingest says newer" grep -q "newer.db: .*newer vnner" err
check "newer schema: unchanged" test "$(sum newer.db)" = "$s0"
check "newer schema: version kept" test "$(sqlite3 newer.db 'PRAGMA user_version')" -eq 99
sqlite3 other.db "CREATE TABLE notes(a TEXT); INSERT INTO notes VALUES('mine')"
s0=$(sum other.db)
"$V" ingest --db other.db new.txt > out 2> err
check "foreign database: ingest exit 3" test $? -eq 3
check "foreign database: says not a vnner database" grep -q "other.db: not a vnner database" err
"$V" who --db other.db "$POST" > out 2> err
check "foreign database: who exit 3" test $? -eq 3
check "foreign database: unchanged" test "$(sum other.db)" = "$s0"
"$V" who --db nonexistent.db "$POST" > out 2> err
check "missing database: who exit 3" test $? -eq 3
check "missing database: who does not create it" test ! -e nonexistent.db

# ---- full disk ------------------------------------------------------------------
# room for one more batch of 500 documents and a half: the second batch fails
cp base.db full.db
cp base.db probe.db
head -n 500 b2.jsonl > p500.jsonl
"$V" ingest --db probe.db --input jsonl p500.jsonl 2> /dev/null
pages=$(sqlite3 full.db "PRAGMA page_count")
batch=$(($(sqlite3 probe.db "PRAGMA page_count") - pages))
VNNER_SQLITE_MAX_PAGES=$((pages + batch * 3 / 2)) "$V" ingest --db full.db --input jsonl b2.jsonl > out 2> err
check "full disk: ingest exit 3" test $? -eq 3
check "full disk: message says full" grep -q "full.db: .*full" err
n=$(count full.db)
check "full disk: earlier batches kept, the failed one rolled back ($n documents)" test "$n" -ge 1100 -a "$n" -lt 3000
# batches are committed in input order (500 documents, or a second's worth): what stays is a prefix of the input
check "full disk: what was committed is the input's first documents" \
    test "$(sqlite3 full.db 'SELECT max(name) FROM documents')" = "$(printf 'doc%05d' $((n - 1)))"
check "full disk: the first 600 documents all there" test "$(sqlite3 full.db "SELECT count(*) FROM documents WHERE name < 'doc00600'")" -eq 600
check "full disk: integrity_check ok" integrity full.db
check "full disk: no holding without its document" test "$(sqlite3 full.db 'SELECT count(*) FROM holdings WHERE doc_id NOT IN (SELECT id FROM documents)')" -eq 0
stored=$(sed -n 's/.*documents read, \([0-9]*\) stored.*/\1/p' err)
check "full disk: summary counts only what was committed (said ${stored:-?}, committed $((n - 600)))" test "${stored:-x}" = $((n - 600))
VNNER_SQLITE_MAX_PAGES=3 "$V" ingest --db tiny.db new.txt > out 2> err
check "full disk at creation: exit 3" test $? -eq 3
check "full disk at creation: message says full" grep -q "tiny.db: .*full" err
"$V" ingest --db full.db --input jsonl b2.jsonl > out 2> err
check "full disk, then room again: ingest exit 0" test $? -eq 0
check "full disk, then room again: 3000 documents" test "$(count full.db)" -eq 3000
"$V" ingest --db clean.db --input jsonl b1.jsonl b2.jsonl 2> /dev/null
dump clean.db > clean.dump
dump full.db > full.dump
check "full disk, then room again: same content as one clean run" cmp -s clean.dump full.dump
check "full disk, then room again: integrity_check ok" integrity full.db

# ---- two ingests at once over overlapping inputs ------------------------------------
{ cat b1.jsonl; head -n 1000 b2.jsonl; } > A.jsonl       # doc00000..doc01599
sed -n '201,1800p' b2.jsonl > B.jsonl                    # doc00800..doc02399
"$V" ingest --db one.db --input jsonl A.jsonl B.jsonl 2> /dev/null
"$V" ingest --db two.db --input jsonl A.jsonl > /dev/null 2> errA &
pa=$!
"$V" ingest --db two.db --input jsonl B.jsonl > /dev/null 2> errB &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
check "two ingests at once: both exit 0" test $ra -eq 0 -a $rb -eq 0
check "two ingests at once: no busy error" test "$(cat errA errB | grep -ci 'busy\|locked')" -eq 0
check "two ingests at once: 2400 documents" test "$(count two.db)" -eq 2400
check "two ingests at once: no document doubled" test "$(sqlite3 two.db 'SELECT count(DISTINCT hash) FROM documents')" -eq 2400
check "two ingests at once: same hashes as one process" test "$(sqlite3 one.db 'SELECT hash FROM documents ORDER BY hash' | md5sum)" = "$(sqlite3 two.db 'SELECT hash FROM documents ORDER BY hash' | md5sum)"
dump one.db > one.dump
dump two.db > two.dump
check "two ingests at once: same content as one process" cmp -s one.dump two.dump
check "two ingests at once: integrity_check ok" integrity two.db

# ---- kill -9 during an ingest, then the same ingest again ------------------------------
# The ingest reads a pipe that gives it the first 1000 documents and then
# nothing, without ending: it is still running, whatever the machine's speed,
# when it is killed.  With no record ready it commits what it has (it holds no
# transaction while it waits for input), so all 1000 are committed.
cat b1.jsonl b2.jsonl > k.jsonl     # clean.db above is the uninterrupted run
mkfifo k.fifo
(head -n 1000 k.jsonl; exec sleep 600) > k.fifo &
pw=$!
"$V" ingest --db killed.db -j 1 --input jsonl k.fifo > /dev/null 2>&1 &
pk=$!
for _ in $(seq 1 600); do
    n=0
    [ -s killed.db ] && n=$(sqlite3 -readonly killed.db "SELECT count(*) FROM documents" 2> /dev/null)
    [ "${n:-0}" -ge 1000 ] && break
    sleep 0.1
done
kill -0 $pk 2> /dev/null
check "kill -9: the ingest is still running, waiting for input" test $? -eq 0
kill -9 $pk 2> /dev/null
wait $pk 2> /dev/null
kill $pw 2> /dev/null
wait $pw 2> /dev/null
killed=$(count killed.db)
echo "note: ingest killed with $killed of 1000 documents read committed"
check "kill -9: the killed run committed all it read while waiting for input ($killed documents)" test "$killed" -eq 1000
check "kill -9: integrity_check ok after the kill" integrity killed.db
"$V" ingest --db killed.db -j 1 --input jsonl k.jsonl > /dev/null 2> err
check "kill -9, again: exit 0" test $? -eq 0
check "kill -9, again: 3000 documents" test "$(count killed.db)" -eq 3000
dump killed.db > killed.dump
check "kill -9, again: same content as an uninterrupted run" cmp -s clean.dump killed.dump
check "kill -9, again: integrity_check ok" integrity killed.db

# ---- streaming from a pipe: each record visible soon, other writers not kept waiting ------
# A record, three seconds of nothing, another: the first is committed while the
# ingest waits (a reader sees it within 2 s), and a second ingest meanwhile
# takes the write lock and finishes at once, instead of waiting 60 s and failing.
r1=$(sed -n 1p b1.jsonl) r2=$(sed -n 2p b1.jsonl)
printf 'Ngày 5/3/2024, ông Lê Văn Cường, Bí thư Tỉnh ủy Lào Cai, chủ trì hội nghị.\n' > other.txt
(printf '%s\n' "$r1"; sleep 3; printf '%s\n' "$r2") | "$V" ingest --db stream.db --input jsonl - > /dev/null 2> stream.err &
ps=$!
seen=0
for _ in $(seq 1 20); do
    [ -s stream.db ] && [ "$(sqlite3 -readonly stream.db 'SELECT count(*) FROM documents' 2> /dev/null)" = 1 ] && { seen=1; break; }
    sleep 0.1
done
check "streaming: a reader sees the first record within 2 s" test $seen -eq 1
"$V" stats --db stream.db > out 2> err
check "streaming: stats during the ingest: exit 0" test $? -eq 0
check "streaming: stats counts the first record" grep -q '^documents *1$' out
timeout 20 "$V" ingest --db stream.db other.txt > /dev/null 2> err2
check "streaming: a second ingest meanwhile: exit 0" test $? -eq 0
check "streaming: ... no message about the schema" test "$(grep -c schema err2)" -eq 0
check "streaming: ... done while the first still waits for input" kill -0 $ps
wait $ps
check "streaming: first ingest exit 0" test $? -eq 0
check "streaming: all three documents stored" test "$(count stream.db)" -eq 3
check "streaming: integrity_check ok" integrity stream.db

# ---- one sentence naming many holders: the database grows linearly ---------------------
# Each distinct sentence is stored once per document, however many holdings it
# gives: 400 holders in one sentence take about twice the room of 200, not four
# times (every holding storing the whole sentence was quadratic).
many() { # many N: one article, one sentence naming N holders of N posts
    python3 - "$1" <<'PY'
import sys
n = int(sys.argv[1])
first = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ']
mid = ['Văn', 'Thị', 'Minh', 'Quốc', 'Đức', 'Thanh', 'Hữu', 'Ngọc']
last = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Khoa', 'Long', 'Mai', 'Nam', 'Phong', 'Quân', 'Sơn', 'Tâm']
people = ', '.join('ông %s %s %s %s, Giám đốc Sở Tài chính tỉnh Hà Giang số %d' % (
    first[i % 10], mid[i // 10 % 8], last[i // 80 % 14], last[i % 14], i) for i in range(n))
print('Ngày 4/3/2024, hội nghị có ' + people + '.')
PY
}
many 200 > many200.txt
many 400 > many400.txt
"$V" ingest --db many200.db many200.txt > /dev/null 2>&1
"$V" ingest --db many400.db many400.txt > /dev/null 2>&1
h200=$(sqlite3 many200.db 'SELECT count(*) FROM holdings')
h400=$(sqlite3 many400.db 'SELECT count(*) FROM holdings')
check "one long sentence: holdings found ($h200 and $h400)" test "$h200" -ge 150 -a "$h400" -ge 300
check "one long sentence: stored once (200)" test "$(sqlite3 many200.db 'SELECT count(*) FROM sentences')" -eq 1
check "one long sentence: stored once (400)" test "$(sqlite3 many400.db 'SELECT count(*) FROM sentences')" -eq 1
# every byte the database keeps: its pages in use, after a checkpoint
used() { sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null; sqlite3 "$1" 'SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size'; }
s200=$(used many200.db) s400=$(used many400.db)
echo "note: one sentence, $h200 holdings: $s200 bytes; $h400 holdings: $s400 bytes"
check "one long sentence: twice the holders, at most 2.5 times the database ($s200 -> $s400 bytes)" \
    test $((s400 * 10)) -le $((s200 * 25))
ev=$("$V" who --db many400.db --on 2024-03-04 --format json "Giám đốc Sở Tài chính tỉnh Hà Giang" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["holders"][0]["evidence"][0]["text"][-60:])')
check "one long sentence: who shows the whole sentence" test "${ev%Hà Giang số 399.}" != "$ev"

# ---- escaping, end to end ----------------------------------------------------------------
NAME='q"uo\te <b>&.txt'
printf 'Thứ Hai, 04/03/2024\n\nÔng Nguyễn Văn Thắng, Bí thư Tỉnh ủy Hà Giang, nói: "Tỉnh ủy \\ <b>họp</b> & '"'"'bàn'"'"' </script><script>alert(1)</script>"\tđã xong.\r\nBà Lê Thị Hoa, Phó Chủ tịch UBND tỉnh Hà Giang, phát biểu: "<i>Đúng</i>\\n".\n' > "$NAME"
NL=$'nl\nname.txt'
{ cat "$NAME"; printf 'Bản tin có tên tệp xuống dòng.\n'; } > "$NL"
"$V" annotate --with-text "$NAME" "$NL" > ann.jsonl 2> err
check "escaping: annotate exit 0" test $? -eq 0
check "escaping: one JSON line per document" test "$(wc -l < ann.jsonl)" -eq 2
head -n 1 ann.jsonl | python3 -m json.tool > /dev/null 2>&1
check "escaping: jsonl is valid JSON (json.tool)" test $? -eq 0
tail -n 1 ann.jsonl | python3 -m json.tool > /dev/null 2>&1
check "escaping: jsonl with a newline in the name is valid JSON" test $? -eq 0
python3 - "$NAME" "$NL" ann.jsonl > py.out 2>&1 <<'EOF'
import json, sys
names, path = sys.argv[1:3], sys.argv[3]
for line, name in zip(open(path, encoding='utf-8'), names):
    d = json.loads(line)
    raw = open(name, 'rb').read()
    text = raw.decode('utf-8')
    assert d['doc'] == name, ('doc', d['doc'])
    assert d['text'] == text, 'text does not round-trip'
    for e in d['entities']:
        assert text[e['start']:e['end']] == e['text'], ('code points', e)
        assert raw[e['bstart']:e['bend']].decode() == e['text'], ('bytes', e)
    for r in d['relations']:
        if 'evidence' in r:
            a, b = r['evidence']
            raw[a:b].decode()
print('ok')
EOF
check "escaping: doc, text and spans round-trip ($(tail -n 1 py.out))" test "$(tail -n 1 py.out)" = ok
"$V" annotate --format brat "$NAME" "$NL" > brat.out 2> err
check "escaping: brat exit 0" test $? -eq 0
check "escaping: every brat line is a comment, T, R, E or A line" test "$(grep -Evc $'^(#.*|T[0-9]+\t[A-Z]+ [0-9]+ [0-9]+\t.*|[REA][0-9]+\t.*|)$' brat.out)" -eq 0
check "escaping: brat entity lines for both documents" test "$(grep -c $'^T[0-9]*\tPERSON' brat.out)" -eq 4
"$V" annotate --format conll "$NAME" "$NL" > conll.out 2> err
check "escaping: conll lines are token<TAB>tag, comments or blank" test "$(grep -Evc $'^(#.*|[^\t]+\t(O|[BI]-[A-Z]+)|)$' conll.out)" -eq 0
"$V" annotate --format html "$NAME" > page.out 2> err
check "escaping: html exit 0" test $? -eq 0
check "escaping: html has no raw markup from the text" test "$(grep -c '<script>\|<b>\|<i>' page.out)" -eq 0
check "escaping: html escapes the text's markup" has page.out '&lt;script&gt;alert(1)&lt;/script&gt;'
check "escaping: html escapes the name" has page.out 'q&quot;uo\\te &lt;b&gt;&amp;.txt'
"$V" annotate --format text "$NAME" > text.out 2> err
check "escaping: text format exit 0" test $? -eq 0

# through the store: names and texts with quotes, backslashes, newlines, markup
# and SQL, as file names and as JSON Lines ids
{
    printf '{"id": "x\\"y\\\\z\\n<w>", "date": "2024-03-04", "text": "Ông Trần Văn Quote, Chủ tịch UBND tỉnh Cà Mau, nói: \\"<b>ổn</b>\\" \\\\ xong."}\n'
    printf '{"id": "%s", "date": "2024-03-05", "text": "Bà Đỗ Thị Lệnh, Chủ tịch HĐND tỉnh Cà Mau, chủ trì kỳ họp; %s."}\n' \
        "'); DROP TABLE documents; --" "'; DELETE FROM holdings; --"
} > esc.jsonl
"$V" ingest --db esc.db "$NAME" "$NL" > /dev/null 2> err
check "escaping: ingest files exit 0" test $? -eq 0
"$V" ingest --db esc.db --input jsonl esc.jsonl > /dev/null 2> err
check "escaping: ingest records exit 0" test $? -eq 0
check "escaping: all four documents stored" test "$(count esc.db)" -eq 4
check "escaping: SQL in texts and names is data" test "$(sqlite3 esc.db "SELECT count(*) FROM documents WHERE name = '''); DROP TABLE documents; --'")" -eq 1
"$V" who --db esc.db --on 2024-03-04 --format json "$POST" > who1.json 2> err
check "escaping: who exit 0" test $? -eq 0
"$V" who --db esc.db --on 2024-03-04 --format json "Chủ tịch UBND tỉnh Cà Mau" > who2.json 2> err
"$V" who --db esc.db --on 2024-03-06 --format json "Chủ tịch HĐND tỉnh Cà Mau" > who3.json 2> err
"$V" positions --db esc.db --format json "Trần Văn Quote" > pos1.json 2> err
"$V" who --db esc.db --format json "x' OR '1'='1" > who4.json 2> err
rc=$?
check "escaping: a query with SQL finds no post: exit 1 (unknown, not no holder), empty holders" \
    test $rc -eq 1 -a "$(grep -c '"known":false.*"holders":\[\]' who4.json)" -eq 1
for j in who1 who2 who3 who4 pos1; do
    python3 -m json.tool $j.json > /dev/null 2>&1
    check "escaping: $j.json is valid JSON" test $? -eq 0
done
python3 - "$NAME" "$NL" > py.out 2>&1 <<'EOF'
import json, sys
name, nl = sys.argv[1:3]
w1 = json.load(open('who1.json', encoding='utf-8'))
docs = sorted(e['doc'] for h in w1['holders'] for e in h['evidence'])
assert docs == sorted([name, nl]), docs
ev = w1['holders'][0]['evidence'][0]['text']
assert '"Tỉnh ủy \\ <b>họp</b>' in ev, ev
w2 = json.load(open('who2.json', encoding='utf-8'))
assert [e['doc'] for h in w2['holders'] for e in h['evidence']] == ['x"y\\z\n<w>'], w2
assert '"<b>ổn</b>" \\ xong' in w2['holders'][0]['evidence'][0]['text'], w2
w3 = json.load(open('who3.json', encoding='utf-8'))
assert [e['doc'] for h in w3['holders'] for e in h['evidence']] == ["'); DROP TABLE documents; --"], w3
print('ok')
EOF
check "escaping: evidence doc names and texts round-trip through the store ($(tail -n 1 py.out))" test "$(tail -n 1 py.out)" = ok
check "escaping: tables intact after SQL-looking input" test "$(sqlite3 esc.db 'SELECT count(*) FROM holdings')" -ge 4

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
