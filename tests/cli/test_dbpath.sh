#!/usr/bin/env bash
# Database paths are files, never SQLite URIs; a folder or an empty path is
# refused; a read-only folder whose write-ahead log holds changes is refused
# instead of answering from the main file alone.
. "$(dirname "$0")/lib.sh"
cat > a.txt <<'TXT'
Hội nghị tổng kết

Thứ Hai, 10/03/2025 | 10:00

Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị.
TXT

for p in 'file:x?mode=memory' ':memory:' 'file:y?nolock=1'; do
    "$V" ingest --db "$p" a.txt > out 2> err
    check "db path '$p': ingest exits 0" test $? -eq 0
    check "db path '$p': stored in a file of that very name" test -s "./$p"
    "$V" who --db "$p" --format json --on 2025-03-10 "Chủ tịch UBND tỉnh Gia Lai" > who.json 2> err
    check "db path '$p': what was stored is answered" has who.json '"person":"Phạm Anh Tuấn"'
done

"$V" ingest --db '' a.txt > out 2> err
rc=$?
check "empty db path: refused (exit 3)" test $rc -eq 3
check "empty db path: says so" has err "database path is empty"

mkdir folder
"$V" ingest --db folder a.txt > out 2> err
rc=$?
check "a folder as db: refused (exit 3)" test $rc -eq 3
check "a folder as db: says it is a folder" has err "is a folder"

# a committed write-ahead log copied while its writer still has it open
"$V" ingest --db w.db a.txt > /dev/null 2>&1
mkdir ro
python3 - <<'PY'
import shutil, sqlite3
c = sqlite3.connect("w.db")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE persons SET name = 'Phạm Anh Tuấn (đã sửa)'")
c.commit()
shutil.copy("w.db", "ro/w.db")
shutil.copy("w.db-wal", "ro/w.db-wal")
PY
check "committed WAL: a non-empty -wal was copied" test -s ro/w.db-wal
chmod a-w ro
if [ "$(id -u)" -eq 0 ]; then
    run_ro() { unshare -m sh -c 'mount --bind ro ro && mount -o remount,ro,bind ro && exec "$@"' sh "$@"; }
else
    run_ro() { "$@"; }
fi
run_ro "$V" who --db ro/w.db --on 2025-03-10 "Chủ tịch UBND tỉnh Gia Lai" > out 2> err
rc=$?
check "committed WAL in a read-only folder: refused (exit 3), not a stale answer" test $rc -eq 3
check "committed WAL in a read-only folder: the message names the -wal file" has err "w.db-wal"
chmod u+w ro

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
