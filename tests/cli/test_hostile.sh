#!/usr/bin/env bash
# Databases vnner did not write as they are: bytes that are not UTF-8 in
# stored names and sentences come out as valid UTF-8 (U+FFFD) in every
# output; control characters and names too long for Graphviz give graphs it
# takes without a warning, and SVG that is well-formed XML; rows that refer to
# missing ones are a damaged database; a FIFO or device is no database, and
# one still being created says so.
# usage: test_hostile.sh VNNER TESTDIR
. "$(dirname "$0")/lib.sh"
unset VNNER_DB

for tool in python3 dot; do
    if ! command -v $tool > /dev/null 2>&1; then
        echo "FAIL: $tool is not installed (./bootstrap test installs it)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done

cat > a.txt <<'TXT'
Hội nghị tổng kết

Thứ Hai, 10/03/2025 | 10:00

Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị tổng kết công tác năm 2024.
TXT
POST="Chủ tịch UBND tỉnh Gia Lai"
PERSON="Phạm Anh Tuấn"
"$V" ingest --db good.db a.txt > /dev/null 2>&1
check "set-up: the article is stored" test -s good.db

# bad.db: the same with bytes that are not UTF-8 in every name, sentence and source
cp good.db bad.db
python3 - <<'PY'
import sqlite3
c = sqlite3.connect("bad.db")
bad = lambda s: sqlite3.Binary(s)
c.execute("UPDATE persons SET name = CAST(? AS TEXT)", (bad(b"Ph\xe1\xba\xa1m \xff Anh\xc3 Tu\xe1\xba\xa5n"),))
c.execute("UPDATE posts SET name = CAST(? AS TEXT)", (bad(b"Ch\xe1\xbb\xa7 t\xe1\xbb\x8bch \xed\xa0\x80 UBND t\xe1\xbb\x89nh Gia Lai"),))
c.execute("UPDATE holdings SET evidence = CAST(? AS TEXT)", (bad(b"C\xc3u \xf4\x90\x80\x80 bad \xc0\xaf"),))
c.execute("UPDATE documents SET name = CAST(? AS TEXT), source = CAST(? AS TEXT)", (bad(b"a\xfe.txt"), bad(b"https://x/\xff")))
c.execute("UPDATE events SET name = CAST(? AS TEXT)", (bad(b"h\xe1\xbb\x99i ngh\xe1\xbb\x8b \xff"),))
c.commit()
PY

utf8() { python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$1" 2> /dev/null; }
jsondoc() { python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$1" 2> /dev/null; }
json() { python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]' "$1" 2> /dev/null; }

"$V" who --db bad.db --on 2025-03-10 --format json "$POST" > who.json 2> err
check "invalid UTF-8 in the database: who --format json exits 0" test $? -eq 0
check "invalid UTF-8 in the database: who --format json is UTF-8" utf8 who.json
check "invalid UTF-8 in the database: who --format json is JSON" json who.json
check "invalid UTF-8 in the database: who shows U+FFFD for a bad byte" has who.json 'Phạm � Anh� Tuấn'
"$V" who --db bad.db --on 2025-03-10 "$POST" > who.txt 2> err
check "invalid UTF-8 in the database: who text is UTF-8" utf8 who.txt
check "invalid UTF-8 in the database: who text names the holder" has who.txt 'Phạm � Anh� Tuấn'
# valid_answers CMD ARG: CMD's JSON answer exits 0 and is UTF-8 and JSON, its text answer UTF-8
valid_answers() {
    "$V" "$1" --db bad.db --format json "$2" > "$1.json" 2> err
    check "invalid UTF-8 in the database: $1 --format json exits 0" test $? -eq 0
    check "invalid UTF-8 in the database: $1 --format json is UTF-8" utf8 "$1.json"
    check "invalid UTF-8 in the database: $1 --format json is JSON" json "$1.json"
    "$V" "$1" --db bad.db "$2" > "$1.txt" 2> err
    check "invalid UTF-8 in the database: $1 text is UTF-8" utf8 "$1.txt"
}
valid_answers positions "$PERSON"
valid_answers history "$POST"
"$V" who --db bad.db --format json "Chủ tịch UBND tỉnh Gia" > unknown.json 2> err
check "invalid UTF-8 in the database: suggestions are UTF-8" utf8 unknown.json
check "invalid UTF-8 in the database: suggestions are JSON" json unknown.json
for f in csv popolo quickstatements; do
    "$V" export --db bad.db --format $f > export.$f 2> err
    check "invalid UTF-8 in the database: export $f exits 0" test $? -eq 0
    check "invalid UTF-8 in the database: export $f is UTF-8" utf8 export.$f
done
check "invalid UTF-8 in the database: export popolo is JSON" jsondoc export.popolo
"$V" stats --db bad.db > stats.txt 2> err
check "invalid UTF-8 in the database: stats is UTF-8" utf8 stats.txt
"$V" graph --db bad.db > g.dot 2> err
check "invalid UTF-8 in the database: graph exits 0" test $? -eq 0
check "invalid UTF-8 in the database: the DOT is UTF-8" utf8 g.dot
dot -Tsvg g.dot > g.svg 2> dot.err
check "invalid UTF-8 in the database: dot renders the graph" test $? -eq 0
check "invalid UTF-8 in the database: dot gives no warning" test ! -s dot.err

# ctl.db: control characters in names (one sets a terminal's title), and a name of 18,000 characters
cp good.db ctl.db
python3 - <<'PY'
import sqlite3
c = sqlite3.connect("ctl.db")
c.execute("UPDATE persons SET name = ?", ("Phạm\x01Anh\x1b]0;pwned\x07 Tuấn\x7f",))
c.execute("UPDATE posts SET name = ?", ("Phạm " * 3600,))
c.commit()
PY
"$V" graph --db ctl.db > ctl.dot 2> err
check "control characters in the database: graph exits 0" test $? -eq 0
check "control characters in the database: no control character in the DOT" \
    python3 -c 'import sys; sys.exit(any(b < 32 and b != 10 or b == 127 for b in open("ctl.dot", "rb").read()))'
check "control characters in the database: a long name is cut with an ellipsis" has ctl.dot 'Phạm Phạm …"'
"$V" graph --db ctl.db --format svg -o ctl.svg 2> err
check "control characters in the database: graph --format svg exits 0" test $? -eq 0
check "control characters in the database: the SVG is well-formed XML" \
    python3 -c 'import xml.dom.minidom; xml.dom.minidom.parse("ctl.svg")'
"$V" who --db ctl.db --on 2025-03-10 "$POST" > ctl.txt 2> err
check "control characters in the database: who text has no escape character" hasnt ctl.txt $'\x1b'

# Dangling rows: holdings whose person or post row is missing are a damaged
# database (exit 3), never "not an error"; a damaged posts table is not "out of memory"
cp good.db noperson.db
cp good.db nopost.db
cp good.db badpage.db
python3 - <<'PY'
import sqlite3
for db, table in (("noperson.db", "persons"), ("nopost.db", "posts")):
    c = sqlite3.connect(db)
    c.execute("PRAGMA foreign_keys=OFF")
    c.execute("DELETE FROM " + table)
    c.commit()
c = sqlite3.connect("badpage.db")
root = c.execute("SELECT rootpage FROM sqlite_master WHERE name = 'posts'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
with open("badpage.db", "r+b") as f:
    f.seek((root - 1) * size)
    f.write(b"\xff" * size)
PY
MISSING_PERSON="noperson.db: the database is damaged: a holding refers to a missing person"
"$V" who --db noperson.db --on 2025-03-10 "$POST" > out 2> err
check "a holding without its person: who exits 3" test $? -eq 3
check "a holding without its person: who says the database is damaged" has err "$MISSING_PERSON"
check "a holding without its person: who does not say 'not an error'" hasnt err "not an error"
"$V" history --db noperson.db "$POST" > out 2> err
check "a holding without its person: history exits 3" test $? -eq 3
check "a holding without its person: history says the database is damaged" has err "$MISSING_PERSON"
"$V" export --db noperson.db --format csv > out 2> err
check "a holding without its person: export exits 3" test $? -eq 3
check "a holding without its person: export says the database is damaged" has err "$MISSING_PERSON"
"$V" graph --db noperson.db > out 2> err
check "a holding without its person: graph exits 3" test $? -eq 3
check "a holding without its person: graph says the database is damaged" has err "$MISSING_PERSON"
"$V" positions --db nopost.db "$PERSON" > out 2> err
check "a holding without its post: positions exits 3" test $? -eq 3
check "a holding without its post: positions says the database is damaged" \
    has err "nopost.db: the database is damaged: a holding refers to a missing post"
for cmd in "export --format csv" graph; do
    "$V" $cmd --db nopost.db > out 2> err
    check "a holding without its post: ${cmd%% *} exits 3" test $? -eq 3
    check "a holding without its post: ${cmd%% *} says the database is damaged, leaves nothing out silently" \
        has err "nopost.db: the database is damaged: a holding refers to a missing post"
done
"$V" positions --db badpage.db "$PERSON" > out 2> err
check "a damaged posts table: positions exits 3" test $? -eq 3
check "a damaged posts table: positions does not say out of memory" hasnt err "out of memory"
check "a damaged posts table: positions says the file is damaged" has err "badpage.db: .*malformed"

# A FIFO or a device as the database is refused before SQLite opens it (a FIFO would hang the open)
mkfifo fifo.db
for cmd in who ingest; do
    if [ $cmd = who ]; then
        timeout 20 "$V" who --db fifo.db "$POST" > out 2> err
    else
        timeout 20 "$V" ingest --db fifo.db a.txt > out 2> err
    fi
    rc=$?
    check "a FIFO as the database: $cmd does not hang" test $rc -ne 124
    check "a FIFO as the database: $cmd exits 3" test $rc -eq 3
    check "a FIFO as the database: $cmd says it is not a regular file" has err "fifo.db: not a regular file"
done
timeout 20 "$V" who --db /dev/null "$POST" > out 2> err
check "a device as the database: who exits 3" test $? -eq 3
check "a device as the database: who says it is not a regular file" has err "/dev/null: not a regular file"

# A reader of a database still being created: "empty or still being created", not
# "not a vnner database", nor the message of a write-ahead log in a read-only folder
: > empty.db
"$V" who --db empty.db "$POST" > out 2> err
check "an empty database: who exits 3" test $? -eq 3
check "an empty database: who says empty or still being created" has err "empty.db: the database is empty or still being created"
check "an empty database: who does not say 'not a vnner database'" hasnt err "not a vnner database"
python3 - "$V" "$POST" <<'PY'
import sqlite3, subprocess, sys
c = sqlite3.connect("creating.db", isolation_level=None)
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("CREATE TABLE t(x)")
c.execute("DROP TABLE t")  # a write-ahead log with committed frames, no tables yet
r = subprocess.run([sys.argv[1], "stats", "--db", "creating.db"], capture_output=True)
open("creating.rc", "w").write(str(r.returncode))
open("creating.err", "wb").write(r.stderr)
c.close()
PY
check "a database being created (WAL, writable folder): stats exits 3" test "$(cat creating.rc)" -eq 3
check "a database being created (WAL, writable folder): stats says still being created" \
    has creating.err "creating.db: the database is empty or still being created"
check "a database being created (WAL, writable folder): no read-only write-ahead log message" \
    hasnt creating.err "write-ahead log"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
