#!/usr/bin/env bash
# Command-line behaviour: exit statuses, messages naming file and byte offset,
# batches that go on past a bad document, every output format.
# usage: test_cli.sh VNNER TESTDIR
set -u
V=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
has() { grep -q -- "$2" "$1"; }

printf 'Bí thư Tỉnh ủy Bình Phước Trần Quang Vinh dự hội nghị tổng kết năm 2023.\n' > "$T/good.txt"
printf 'Tỉnh ủy \xc3( họp\n' > "$T/bad.txt"
printf 'ab\0cd\n' > "$T/nul.txt"
printf '\xff\xfeX\0' > "$T/utf16.txt"
mkdir "$T/adir"

"$V" --version > "$T/out" 2>&1; check "version exits 0" test $? -eq 0
check "version prints" has "$T/out" "vnner 0."
"$V" > /dev/null 2>&1; check "no command: 2" test $? -eq 2
"$V" frobnicate > /dev/null 2> "$T/err"; check "unknown command: 2" test $? -eq 2
# no FILE: standard input when it is not a terminal; on a terminal, the usage (script gives a terminal)
script -qec "'$V' annotate" /dev/null < /dev/null > /dev/null 2>&1; check "annotate without files on a terminal: 2" test $? -eq 2
echo "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Bình Phước, dự họp." | "$V" annotate > "$T/out" 2>&1
check "annotate without files reads a pipe" has "$T/out" '"text":"Nguyễn Văn An"'
rm -f "$T/pipe.db"; echo "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Bình Phước, dự họp." | "$V" ingest --db "$T/pipe.db" > /dev/null 2>&1
check "ingest without files reads a pipe" test "$("$V" positions --db "$T/pipe.db" --format json "Nguyễn Văn An" | grep -c "Bí thư Tỉnh ủy Bình Phước")" -eq 1
"$V" annotate --format xml "$T/good.txt" > /dev/null 2> "$T/err"; check "bad format: 2" test $? -eq 2
check "bad format message" has "$T/err" "unknown format 'xml'"
"$V" annotate --date 12/01/2024 "$T/good.txt" > /dev/null 2>&1; check "bad --date: 2" test $? -eq 2
# a --date that is no day of the calendar is a usage error, not every document's
for d in 2024-13-45 2024-02-30 2023-02-29 2024-00-10 2024-04-31; do
    "$V" annotate --date $d "$T/good.txt" "$T/good.txt" > "$T/out" 2> "$T/err"
    check "--date $d: usage error (2)" test $? -eq 2
    check "--date $d: one message, naming the option" test "$(cat "$T/err")" = "vnner: --date takes a day of the calendar as YYYY-MM-DD, not '$d'"
    check "--date $d: nothing annotated" test ! -s "$T/out"
done
"$V" annotate --date 2024-02-29 "$T/good.txt" > "$T/out" 2>&1; check "--date 2024-02-29 (a leap day): 0" test $? -eq 0
"$V" help annotate > "$T/out"; check "help annotate" has "$T/out" "usage: vnner annotate"

# a batch: good, invalid UTF-8, missing, directory, NUL, UTF-16, good again
"$V" annotate "$T/good.txt" "$T/bad.txt" "$T/missing.txt" "$T/adir" "$T/nul.txt" "$T/utf16.txt" "$T/good.txt" \
    > "$T/out" 2> "$T/err"
check "batch with bad documents: 1" test $? -eq 1
check "both good documents annotated" test "$(wc -l < "$T/out")" -eq 2
check "invalid UTF-8 names file and offset" has "$T/err" "bad.txt: invalid UTF-8 at byte offset 12"
check "missing file named" has "$T/err" "missing.txt: cannot open"
check "directory named" has "$T/err" "adir: is a directory"
check "NUL byte named" has "$T/err" "nul.txt: NUL byte at byte offset 2"
check "UTF-16 named" has "$T/err" "utf16.txt: UTF-16"
check "jsonl has entities" has "$T/out" '"type":"POSITION"'

# standard input, and --date
"$V" annotate --date 2024-02-01 - < "$T/good.txt" > "$T/out"; check "stdin: 0" test $? -eq 0
check "stdin doc name" has "$T/out" '"doc":"-","date":"2024-02-01"'

# JSON Lines input: one malformed line, one without text, two good records
{
    printf '{"id": "a1", "text": "Chủ tịch UBND tỉnh Sóc Trăng Lâm Văn Mẫn phát biểu.", "date": "2023-05-02"}\n'
    printf '{"id": "a2", "text": "oops"\n'
    printf '{"id": 7}\n'
    printf '{"id": 8, "text": "Bộ Tài chính họp.", "source": "baosoctrang.vn"}\n'
} > "$T/in.jsonl"
"$V" annotate --input jsonl "$T/in.jsonl" > "$T/out" 2> "$T/err"
check "jsonl batch: 1" test $? -eq 1
check "jsonl good records annotated" test "$(wc -l < "$T/out")" -eq 2
check "jsonl id and date kept" has "$T/out" '"doc":"a1","date":"2023-05-02"'
check "integer id" has "$T/out" '"doc":"8"'
check "jsonl source kept" has "$T/out" '"doc":"8","date":null,"source":"baosoctrang.vn","entities"'
check "no source, no field" sh -c "! grep -q '\"doc\":\"a1\".*\"source\"' '$T/out'"
check "malformed line named with byte offset" has "$T/err" "in.jsonl:2: byte"
check "record without text named" has "$T/err" "in.jsonl:3: byte"

# --with-text carries the text, escaped
printf 'Ông A nói: "Tỉnh ủy\\họp"\tđã xong.\n' > "$T/q.txt"
"$V" annotate --with-text "$T/q.txt" > "$T/out"
check "with-text escapes" has "$T/out" '"text":"Ông A nói: \\"Tỉnh ủy\\\\họp\\"\\tđã xong.\\n"'

# other formats
"$V" annotate --format text --explain "$T/good.txt" > "$T/out"
check "text marks spans" has "$T/out" "\[Bí thư \[Tỉnh ủy \[Bình Phước\]PLACE"
check "explain shows rule" has "$T/out" "{position.title-body}"
printf 'Sáng 5/3, UBND tỉnh Nghệ An tổ chức hội nghị tổng kết công tác năm 2023. Ông Lê Văn Hòa, Phó Chủ tịch UBND tỉnh, chủ trì hội nghị. Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho bà Trần Thị Mai.\n' > "$T/rel.txt"
"$V" annotate --format text --date 2024-03-06 "$T/rel.txt" > "$T/out"
check "text: a PARTICIPATES line names its event" has "$T/out" "^PARTICIPATES Lê Văn Hòa | chair | hội nghị tổng kết công tác năm 2023$"
check "text: an AWARDED line names its giver, a post whole" has "$T/out" "^AWARDED Trần Thị Mai | Bằng khen | by Chủ tịch UBND tỉnh Nghệ An$"
printf 'Sáng 5/3, Công an tỉnh Nghệ An tổ chức hội nghị công bố quyết định về công tác cán bộ. Đồng chí Hà Văn Sơn công bố quyết định của Bộ trưởng. Ban Thường vụ Tỉnh ủy công bố quyết định chỉ định ông Lê Văn Thành giữ chức Bí thư Đảng ủy Công an tỉnh.\n' > "$T/ann.txt"
"$V" annotate --format text --date 2024-03-06 "$T/ann.txt" > "$T/out"
check "text: the one who announces a decision speaks" has "$T/out" "^PARTICIPATES Hà Văn Sơn | speak | hội nghị công bố quyết định về công tác cán bộ$"
check "text: the person a decision names does not" sh -c "! grep -q '^PARTICIPATES Lê Văn Thành' '$T/out'"
"$V" annotate --format conll "$T/good.txt" > "$T/out"
check "conll B tag" has "$T/out" "Bí	B-POSITION"
check "conll I tag" has "$T/out" "Phước	I-POSITION"
"$V" annotate --format conll --words "$T/good.txt" > "$T/out"
check "conll --words: a title is one word" has "$T/out" "^Bí_thư	B-POSITION$"
check "conll --words: a name is one word" has "$T/out" "^Trần_Quang_Vinh	B-PERSON$"
check "conll --words: a place in a post is one word, inside it" has "$T/out" "^Bình_Phước	I-POSITION$"
"$V" annotate --format brat "$T/good.txt" > "$T/out"
check "brat T line" has "$T/out" "POSITION 0 25	Bí thư Tỉnh ủy Bình Phước"
# --out-dir: one file per document; brat as brat reads it (standoff only, the text beside it, a config)
mkdir -p "$T/in1" "$T/in2"
cp "$T/good.txt" "$T/in1/bai.txt"
cp "$T/rel.txt" "$T/in2/bai.txt"
"$V" annotate --format brat --out-dir "$T/od" "$T/in1/bai.txt" "$T/in2/bai.txt" > "$T/out" 2> "$T/err"
check "out-dir: exit 0, nothing on standard output" test $? -eq 0 -a ! -s "$T/out"
check "out-dir: one .ann and .txt each, the second name made unique" test -s "$T/od/bai.ann" -a -s "$T/od/bai-2.ann" -a -s "$T/od/bai-2.txt"
check "out-dir: the brat text is the input's bytes" cmp -s "$T/od/bai-2.txt" "$T/in2/bai.txt"
check "out-dir: annotation.conf declares the types" has "$T/od/annotation.conf" "^PARTICIPATES"
check "brat: standoff only, no header line" sh -c "! grep -q '^# ' '$T/od/bai.ann'"
check "brat: a role as a note on its relation" has "$T/od/bai-2.ann" "AnnotatorNotes R[0-9]*	role=chair"
check "brat: the post and qualifier as a note" has "$T/od/bai-2.ann" "AnnotatorNotes R[0-9]*	post=Phó Chủ tịch UBND tỉnh Nghệ An; qualifier=current"
python3 - "$T/od/bai-2.ann" "$T/od/bai-2.txt" > "$T/spans" <<'PY'
import sys
text = open(sys.argv[2], encoding="utf-8").read()
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("T"):
        tid, span, s = line.rstrip("\n").split("\t")
        _, a, b = span.split()
        print("ok" if text[int(a):int(b)] == s else "BAD " + line.strip())
PY
check "brat: every span's text at its code-point offsets" sh -c "grep -q ok '$T/spans' && ! grep -q BAD '$T/spans'"
printf '{"id": "so/1", "text": "Bộ Tài chính họp."}\n' > "$T/id.jsonl"
"$V" annotate --input jsonl --format html --out-dir "$T/od" "$T/id.jsonl"
check "out-dir: a record is named after its id, no folder in it" test -s "$T/od/so_1.html"
"$V" annotate --out-dir "$T/good.txt" "$T/good.txt" > /dev/null 2> "$T/err"
check "out-dir on a file: usage error" test $? -eq 2
check "out-dir on a file: says so" has "$T/err" "exists and is not a folder"

printf 'Bí thư Tỉnh ủy <script>alert(1)</script> họp.\n' > "$T/x.txt"
"$V" annotate --format html "$T/x.txt" > "$T/out"
check "html escapes markup" has "$T/out" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "html has no raw script" test "$(grep -c '<script>' "$T/out")" -eq 0
check "html: one tooltip, no native title on the spans" sh -c "grep -q 'class=\"ent ' '$T/out' && ! grep -q '<span class=\"ent[^>]* title=' '$T/out'"
check "html: the tooltip is a status line at the foot of the window, not over the text" has "$T/out" ".ent:hover::after{[^}]*position:fixed;left:0;right:0;bottom:0"

# a page saved from a news site: the article only, its own date and byline; the header, the
# navigation, the related links and the footer are not read
cat > "$T/page.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>Báo tỉnh</title>
<meta property="article:published_time" content="2025-09-23T10:45:00+07:00"><meta name="author" content="Minh Quý"></head>
<body><header><div class="today">Thứ Năm, 04/12/2025</div><nav><a href="/">Trang chủ</a></nav></header>
<main><article class="detail"><h1>Bí thư Tỉnh ủy Quảng Trị làm việc với huyện Gio Linh</h1>
<p>Sáng 22/9, đồng chí Lê Ngọc Quang, Bí thư Tỉnh ủy Quảng Trị, làm việc với Ban Thường vụ Huyện ủy Gio Linh.</p>
<figure><img src="a.jpg"><figcaption>Đồng chí Lê Ngọc Quang phát biểu. Ảnh: Thanh Hải</figcaption></figure>
<div class="box-tin-lien-quan"><h3>Tin liên quan</h3><ul><li><a href="/y">Ông Nguyễn Văn Ân được bổ nhiệm Giám đốc Sở Y tế tỉnh Quảng Trị</a></li></ul></div>
<div class="social-share"><a>Chia sẻ</a></div>
</article></main>
<footer>Địa chỉ: 128 Hùng Vương, Đông Hà. Tổng Biên tập: Trần Văn Bảo</footer></body></html>
HTML
"$V" annotate --input html --format text "$T/page.html" > "$T/out"
check "page: the article's own date, not the header's today" has "$T/out" "page.html  date 2025-09-23"
check "page: the article's post" has "$T/out" "^HOLDS Lê Ngọc Quang | Bí thư Tỉnh ủy Quảng Trị | current"
check "page: a related link is no fact of the article" sh -c "! grep -q 'Nguyễn Văn Ân' '$T/out'"
check "page: the footer is not read" sh -c "! grep -q 'Trần Văn Bảo\|Hùng Vương' '$T/out'"
check "page: the caption is kept" has "$T/out" "Ảnh: \[Thanh Hải\]PERSON"
check "page: the byline the page names" has "$T/out" "^AUTHOR Minh Quý"
sed 's/04\/12\/2025/05\/12\/2025 - Tin mới/' "$T/page.html" > "$T/page2.html"
"$V" ingest --db "$T/page.db" --input html "$T/page.html" "$T/page2.html" 2> "$T/err"
check "page: saved twice with another header, one document" has "$T/err" "2 documents read, 1 stored, 1 already stored"

# short options mean one thing everywhere: -d is the database, never a date; -o an output file, never a date
"$V" annotate -d 2024-01-01 "$T/good.txt" > /dev/null 2>&1
check "annotate -d: no short option for --date (usage error)" test $? -eq 2
"$V" who -d "$T/none.db" -o 2024-01-01 "Bí thư" > /dev/null 2>&1
check "who -o: no short option for --on (usage error)" test $? -eq 2

# a user's own gazetteer folder
mkdir "$T/gz"
printf 'surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\nXứ Thử Nghiệm\t\tPLACE\t\t\t\n' > "$T/gz/mine.tsv"
printf 'Đoàn công tác đến Xứ Thử Nghiệm.\n' > "$T/p.txt"
"$V" annotate --gazetteer "$T/gz" "$T/p.txt" > "$T/out"
check "user gazetteer entry used" has "$T/out" '"type":"PLACE","start":18'
printf 'surface\tcanonical\n' > "$T/gz/broken.tsv"
"$V" annotate --gazetteer "$T/gz" "$T/p.txt" > /dev/null 2> "$T/err"
check "broken gazetteer: 2" test $? -eq 2
check "broken gazetteer named" has "$T/err" "broken.tsv:1: header"

# colour as no-color.org says: NO_COLOR set and not empty turns it off, empty keeps it; TERM=dumb has none
printf 'Ông Nguyễn Văn An, Bí thư Tỉnh ủy Bình Phước, dự họp.\n' > "$T/c.txt"
colour() { env "$@" script -qec "'$V' annotate --format text '$T/c.txt'" /dev/null < /dev/null | grep -c $'\e\[' ; }
check "colour on a terminal" test "$(colour -u NO_COLOR TERM=xterm)" -gt 0
check "NO_COLOR= (empty) keeps colour" test "$(colour NO_COLOR= TERM=xterm)" -gt 0
check "NO_COLOR=1: no colour" test "$(colour NO_COLOR=1 TERM=xterm)" -eq 0
check "TERM=dumb: no colour" test "$(colour -u NO_COLOR TERM=dumb)" -eq 0
# the progress line on a terminal: done of the total (one document a file), then the rate
mkdir -p "$T/prog"
for i in 1 2 3 4 5 6; do printf 'Bí thư Tỉnh ủy Bình Phước Trần Quang Vinh dự hội nghị số %s.\n' "$i" > "$T/prog/a$i.txt"; done
env -u NO_COLOR TERM=xterm script -qec "'$V' ingest --db '$T/prog.db' -j 1 $T/prog/a1.txt $T/prog/a2.txt $T/prog/a3.txt $T/prog/a4.txt $T/prog/a5.txt $T/prog/a6.txt" /dev/null < /dev/null > "$T/prog.out"
check "progress line: done of the total, and the rate" has "$T/prog.out" "vnner: [0-9]/6 documents, [0-9] new, [0-9]* docs/s"
"$V" ingest --db "$T/prog2.db" -j 1 "$T/prog/a1.txt" 2> "$T/prog.err"
check "no progress line off a terminal" sh -c "! grep -q 'docs/s' '$T/prog.err'"

# graph's window: each bound a real date, and --from not after --to
"$V" graph --db "$T/pipe.db" --from 2025-08-01 --to 2025-01-01 > /dev/null 2> "$T/err"
check "graph --from after --to: 2" test $? -eq 2
check "graph --from after --to: said" has "$T/err" "is after --to"
"$V" graph --db "$T/pipe.db" --from 2024-02-30 > /dev/null 2> "$T/err"
check "graph --from 2024-02-30: 2" test $? -eq 2
check "graph --from 2024-02-30: the day, not the form" has "$T/err" "no such day"
# a JSON Lines file read as text is refused with the option to use, not stored as one article
printf '{"id":"a1","text":"Ông Nguyễn Văn An, Bí thư Tỉnh ủy Bình Phước, dự họp."}\n' > "$T/a.jsonl"
rm -f "$T/j.db"; "$V" ingest --db "$T/j.db" "$T/a.jsonl" > /dev/null 2> "$T/err"
check "JSONL as text: 1" test $? -eq 1
check "JSONL as text: says --input jsonl" has "$T/err" "a.jsonl: JSON Lines, not article text (byte offset 0): read it with --input jsonl"
"$V" ingest --db "$T/j.db" --input jsonl "$T/a.jsonl" > /dev/null 2>&1
check "JSONL with --input jsonl: stored" test $? -eq 0

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
