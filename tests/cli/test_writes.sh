#!/usr/bin/env bash
# Outputs: every command's write error is reported, naming the output, with
# exit status 1, small outputs included (what is still in stdio's buffer when
# the command ends); an output that is the database itself (or its -wal,
# -shm) is refused with exit 2; ingest with a malformed list makes no
# database.
# usage: test_writes.sh VNNER TESTDIR
. "$(dirname "$0")/lib.sh"
unset VNNER_DB

cat > a.txt <<'TXT'
Thứ Hai, 04/03/2024

Ông Nguyễn Văn Thắng, Bí thư Tỉnh ủy Hà Giang, chủ trì hội nghị sơ kết quý I.
TXT
"$V" ingest --db a.db a.txt 2> /dev/null
check "set-up: a database" test -s a.db
POST="Bí thư Tỉnh ủy Hà Giang"

# ---- write errors: /dev/full takes nothing ------------------------------------
# full NAME ARGS...: the command, its standard output on /dev/full, exits 1
# and says it cannot write standard output, once.
full() {
    local name=$1
    shift
    "$V" "$@" > /dev/full 2> err
    local rc=$?
    check "$name to a full disk: exit 1 (got $rc)" test $rc -eq 1
    check "$name to a full disk: says it cannot write standard output" \
        has err "^vnner: cannot write standard output: No space left on device$"
    check "$name to a full disk: said once" test "$(grep -c 'cannot write' err)" -eq 1
}
# full_file NAME ARGS...: the command writes -o /dev/full, exits 1 and says so
full_file() {
    local name=$1
    shift
    "$V" "$@" -o /dev/full > out 2> err
    local rc=$?
    check "$name -o /dev/full: exit 1 (got $rc)" test $rc -eq 1
    check "$name -o /dev/full: names the file" has err "^vnner: cannot write /dev/full: No space left on device$"
    check "$name -o /dev/full: said once" test "$(grep -c 'cannot write' err)" -eq 1
}
if [ -c /dev/full ] && ! printf x > /dev/full 2> /dev/null; then
    full "--help" --help
    full "--version" --version
    full "help" help
    full "help who" help who
    full "annotate --help" annotate --help
    full "annotate of a short document" annotate a.txt
    full "annotate --format text of a short document" annotate --format text a.txt
    full "annotate --format html" annotate --format html a.txt
    for i in $(seq 1 200); do echo a.txt; done > many
    full "annotate of 200 documents (more than a buffer)" annotate $(cat many)
    full "who" who --db a.db --on 2024-03-04 "$POST"
    full "who --format json" who --db a.db --on 2024-03-04 --format json "$POST"
    printf '%s\n%s\n%s\n' "$POST" "$POST" "$POST" > posts
    full "who --batch" who --db a.db --on 2024-03-04 --batch < posts
    full "positions" positions --db a.db "Nguyễn Văn Thắng"
    full "history" history --db a.db "$POST"
    full "stats" stats --db a.db
    full "export" export --db a.db --format csv
    full "graph" graph --db a.db
    full "rules" rules
    full "rules --check" rules --check
    full_file "graph" graph --db a.db
    full_file "export" export --db a.db --format popolo
    if command -v dot > /dev/null 2>&1; then
        full "graph --format svg" graph --db a.db --format svg
        full_file "graph --format svg" graph --db a.db --format svg
        full "graph --format png" graph --db a.db --format png
        full_file "graph --format png" graph --db a.db --format png
    else
        skip "graph --format svg to a full disk: Graphviz's dot is not installed"
    fi
else
    skip "write errors: no /dev/full that refuses writes"
fi

# what was written whole is still right
"$V" graph --db a.db -o g.dot 2> err
check "graph -o FILE: exit 0" test $? -eq 0
check "graph -o FILE: the DOT ends the graph" test "$(tail -n 1 g.dot)" = "}"
if command -v dot > /dev/null 2>&1; then
    "$V" graph --db a.db --format svg -o g.svg 2> err
    check "graph --format svg -o FILE: exit 0" test $? -eq 0
    check "graph --format svg -o FILE: a whole SVG" grep -q '</svg>' g.svg
    "$V" graph --db a.db --format svg > g2.svg 2> err
    check "graph --format svg to standard output: the same SVG" cmp -s g.svg g2.svg
fi

# ---- an output that is the database ------------------------------------------
# -o X with --db X (or ./X, a link to X, X-wal, X-shm, or X-journal not there
# yet) is refused, exit 2, and the database is left as it was
cp a.db g.db
ln -s g.db link.db
"$V" who --db g.db "$POST" > /dev/null 2>&1 # a reader leaves -wal and -shm beside it
sum0=$(cat g.db g.db-wal 2> /dev/null | md5sum)
for o in g.db ./g.db link.db "$T/g.db" g.db-wal g.db-shm g.db-journal; do
    for cmd in "graph" "graph --format svg" "export --format csv"; do
        "$V" $cmd --db g.db -o "$o" > out 2> err
        check "$cmd --db g.db -o $o: refused (exit 2)" test $? -eq 2
        check "$cmd --db g.db -o $o: says why" has err "^vnner: $o: the output would overwrite the database (this is g.db"
    done
    check "-o $o: the database unchanged" test "$(cat g.db g.db-wal 2> /dev/null | md5sum)" = "$sum0"
done
check "-o g.db-journal: nothing made" test ! -e g.db-journal
VNNER_DB=g.db "$V" graph -o ./g.db > out 2> err
check "graph -o the \$VNNER_DB database: refused (exit 2)" test $? -eq 2
"$V" graph --db g.db >> g.db 2> err
check "graph --db g.db >> g.db: refused (exit 2)" test $? -eq 2
check "graph --db g.db >> g.db: says standard output is the database" \
    has err "^vnner: standard output: the output would overwrite the database (this is g.db)"
"$V" export --db g.db --format csv >> g.db 2> err
check "export --db g.db >> g.db: refused (exit 2)" test $? -eq 2
check "outputs refused: the database unchanged" test "$(cat g.db g.db-wal 2> /dev/null | md5sum)" = "$sum0"
"$V" who --db g.db --on 2024-03-04 "$POST" > out 2> err
check "outputs refused: the database still answers" has out "Nguyễn Văn Thắng"
"$V" graph --db g.db -o other.dot 2> err
check "graph -o another file: exit 0" test $? -eq 0 -a -s other.dot

# ---- a malformed list creates no database ---------------------------------------
mkdir badgaz badrules
printf 'surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\nFoo\t\tNOSUCHCLASS\t\t\t\n' > badgaz/x.tsv
printf 'phase relations\nrelation x.bad HOLDS:\n  (?<person> @PERSN)\n' > badrules/x.rules
"$V" ingest --db ng.db --gazetteer badgaz a.txt > out 2> err
check "ingest --gazetteer malformed: exit 2" test $? -eq 2
check "ingest --gazetteer malformed: names the list" has err "badgaz/x.tsv:2: unknown class"
check "ingest --gazetteer malformed: no database made" test ! -e ng.db
"$V" ingest --db ng.db --rules badrules a.txt > out 2> err
check "ingest --rules malformed: exit 2" test $? -eq 2
check "ingest --rules malformed: no database made" test ! -e ng.db

[ $skipped -gt 0 ] && echo "$skipped skipped"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
