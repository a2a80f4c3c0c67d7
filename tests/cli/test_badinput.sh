#!/usr/bin/env bash
# Bad input: every bad document gets a clear message naming the file and the
# byte offset, the command exits 1, and the rest of the batch is still done.
# Invalid UTF-8 (overlong, surrogate, truncated), NUL bytes, binary data,
# UTF-16, VNI and TCVN3, HTML pages, malformed JSON Lines, missing, unreadable
# and directory arguments, size limits (a 100 MB single line; a JSON Lines
# line over --max-size, never held in memory), files that fail to read, for
# annotate and for ingest.  Empty and whitespace-only files are fine (exit 0).
# usage: test_badinput.sh VNNER TESTDIR
# VNNER_SLOW_TESTS=1 also annotates the 100 MB line with the limit raised.
. "$(dirname "$0")/lib.sh"
for tool in python3 sqlite3; do
    if ! command -v $tool > /dev/null 2>&1; then
        echo "FAIL: $tool is not installed (./bootstrap test installs it)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
lines() { wc -l < "$1" | tr -d ' '; }
# the JSON Lines output has a line for document NAME
annotated() { grep -q "^{\"doc\":\"$2\"" "$1"; }

# ---- inputs ---------------------------------------------------------------
printf 'Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng chủ trì hội nghị sơ kết quý I.\n' > good.txt
printf 'Thứ Hai, 04/03/2024\n\nPhó Chủ tịch UBND tỉnh Hà Giang Lê Thị Hoa báo cáo tại hội nghị.\n' > good2.txt
printf 'Chủ tịch \xc0\xaf họp\n' > overlong.txt          # overlong "/" at byte 13
printf 'Bí thư \xed\xa0\x80 họp\n' > surrogate.txt      # U+D800 at byte 9
printf 'Phó Chủ tịch \xe1\xbb' > truncated.txt          # a 3-byte sequence cut at byte 18
printf 'Bí thư\0Tỉnh ủy\n' > nul.txt                    # NUL at byte 8
: > empty.txt
printf '  \n\t\r\n   \n' > ws.txt
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00' > binary.bin
head -c 2048 /dev/urandom >> binary.bin
printf '\xff\xfe' > utf16le.txt
printf 'B\0\xed\0 \0t\0h\0\xb0\x01 \0T\0\xc9\x1en\0h\0\n\0' >> utf16le.txt # "Bí thư Tỉnh" in UTF-16LE
printf '\xfe\xff\0B\0\xed\0 \0t\0h\x01\xb0\0\n' > utf16be.txt
mkdir adir
printf 'Bí thư Tỉnh ủy Hà Giang họp.\n' > noperm.txt
chmod 000 noperm.txt
# As root, chmod 000 does not stop reading; in a new user namespace root's own
# files are read under their owner's permission bits, as anyone else's are.
UNPRIV=
if [ "$(id -u)" -eq 0 ]; then
    UNPRIV="unshare -U"
    unshare -U true
    check "as root: a user namespace can be made (unshare -U)" test $? -eq 0
fi

# Vietnamese in the two legacy 8-bit encodings, made from UTF-8 text.
cat > legacy.py <<'EOF'
import sys, unicodedata
TCVN3 = dict(zip("àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂĐÊÔƠƯ",
  bytes([0xB5,0xB6,0xB7,0xB8,0xB9,0xA8,0xBB,0xBC,0xBD,0xBE,0xC6,0xA9,0xC7,0xC8,0xC9,0xCA,0xCB,0xAE,0xCC,
         0xCE,0xCF,0xD0,0xD1,0xAA,0xD2,0xD3,0xD4,0xD5,0xD6,0xD7,0xD8,0xDC,0xDD,0xDE,0xDF,0xE1,0xE2,0xE3,
         0xE4,0xAB,0xE5,0xE6,0xE7,0xE8,0xE9,0xAC,0xEA,0xEB,0xEC,0xED,0xEE,0xEF,0xF1,0xF2,0xF3,0xF4,0xAD,
         0xF5,0xF6,0xF7,0xF8,0xF9,0xFA,0xFB,0xFC,0xFD,0xFE,0xA1,0xA2,0xA7,0xA3,0xA4,0xA5,0xA6])))
def tcvn3(s):  # TCVN 5712:1993 VN3 ("ABC"): one byte a letter; capitals with a tone use the lower-case code
    return bytes(ord(c) if ord(c) < 128 else TCVN3.get(c, TCVN3.get(c.lower())) for c in s)
TONE = {'\u0301': 0xF9, '\u0300': 0xF8, '\u0309': 0xFB, '\u0303': 0xF5, '\u0323': 0xEF}
CIRC = {'\u0301': 0xE1, '\u0300': 0xE0, '\u0309': 0xE5, '\u0303': 0xE3, '\u0323': 0xE4}
BREVE = {'\u0301': 0xE9, '\u0300': 0xE8, '\u0309': 0xFA, '\u0303': 0xFC, '\u0323': 0xEB}
I_TONE = {'\u0301': 0xED, '\u0300': 0xEC, '\u0309': 0xE6, '\u0303': 0xF3, '\u0323': 0xF2}
def vni(s):    # VNI Windows: the base letter, then a byte for the vowel mark and the tone
    out = bytearray()
    for ch in s:
        if ord(ch) < 128: out.append(ord(ch)); continue
        if ch in 'đĐ': out.append(0xF1 if ch == 'đ' else 0xD1); continue
        d = unicodedata.normalize('NFD', ch); base, marks = d[0], d[1:]
        up, b = base.isupper(), base.lower()
        tone = next((m for m in marks if m in TONE), None)
        shape = next((m for m in marks if m in '\u0302\u0306\u031b'), None)
        add = lambda x: out.append(x - 0x20 if up and x >= 0xE0 else x)
        if b == 'i' and not shape:
            add(I_TONE[tone]); continue
        if shape == '\u031b':
            add(0xF4 if b == 'o' else 0xF6)
            if tone: add(TONE[tone])
            continue
        out.append(ord(base))
        if shape == '\u0302': add(CIRC[tone] if tone else 0xE2)
        elif shape == '\u0306': add(BREVE[tone] if tone else 0xEA)
        elif tone: add(0xEE if b == 'y' and tone == '\u0323' else TONE[tone])
    return bytes(out)
sys.stdout.buffer.write({'vni': vni, 'tcvn3': tcvn3}[sys.argv[1]](sys.stdin.read()))
EOF
ARTICLE='Sáng 3/3, ông Nguyễn Văn Thắng, Bí thư Tỉnh ủy Hà Giang, chủ trì hội nghị sơ kết công tác quý I năm 2024. Phó Chủ tịch UBND tỉnh Lê Thị Hoa báo cáo tình hình kinh tế - xã hội, nhấn mạnh việc đẩy mạnh giải ngân vốn đầu tư công.
'
LINE='Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng chủ trì hội nghị.
'
printf '%s' "$ARTICLE" | python3 legacy.py vni > vni.txt
printf '%s' "$ARTICLE" | python3 legacy.py tcvn3 > tcvn3.txt
printf '%s' "$LINE" | python3 legacy.py vni > vni_line.txt
printf '%s' "$LINE" | python3 legacy.py tcvn3 > tcvn3_line.txt

# A page saved from a news site, and the same page as browsers save it.
cat > page.html <<'EOF'
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Hà Giang sơ kết quý I - Báo Hà Giang điện tử</title>
<script type="text/javascript">var gaData = {"a": "<p>Chủ tịch nước Giả Định</p>"};</script>
<style>.detail p { margin: 0 }</style>
</head>
<body>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/thoi-su">Thời sự</a></div>
<article class="detail">
<h1 class="title">Hà Giang sơ kết công tác quý I năm 2024</h1>
<div class="date">Thứ Hai, 04/03/2024 | 08:30</div>
<p>Sáng 3/3, ông <strong>Nguyễn Văn Thắng</strong>, Bí thư Tỉnh ủy Hà Giang, chủ trì hội nghị sơ kết quý I.</p>
<p>Phó Chủ tịch UBND tỉnh Hà Giang Lê Thị Hoa báo cáo tình hình kinh tế &ndash; xã hội &amp; đầu tư công.</p>
</article>
</body>
</html>
EOF
{ printf '\xef\xbb\xbf'; cat page.html; } > page_bom.html
{ printf '<!-- saved from url=(0047)https://baohagiang.vn/thoi-su/so-ket-quy-i.html -->\n'; cat page.html; } > page_saved.html
{ printf '<?xml version="1.0" encoding="utf-8"?>\n'; cat page.html; } > page_xhtml.html

# ---- annotate: one batch with every kind of bad document --------------------
$UNPRIV "$V" annotate good.txt overlong.txt surrogate.txt truncated.txt nul.txt empty.txt ws.txt binary.bin \
    utf16le.txt utf16be.txt page.html adir missing.txt noperm.txt good2.txt > out 2> err
rc=$?
check "batch with bad documents: exit 1" test $rc -eq 1
check "first good document annotated" annotated out good.txt
check "good document after the bad ones annotated" annotated out good2.txt
check "empty file annotated in the batch" annotated out empty.txt
check "whitespace file annotated in the batch" annotated out ws.txt
check "overlong UTF-8: file and offset" has err "overlong.txt: invalid UTF-8 at byte offset 13"
check "surrogate: file and offset" has err "surrogate.txt: invalid UTF-8 at byte offset 9"
check "truncated sequence: file and offset" has err "truncated.txt: invalid UTF-8 at byte offset 18"
check "NUL byte: file and offset" has err "nul.txt: NUL byte at byte offset 8"
check "binary file: file and offset" grep -Eq "binary.bin: .*byte offset [0-9]+" err
check "UTF-16LE with BOM named as UTF-16" grep -Eq "utf16le.txt: UTF-16.*byte offset 0" err
check "UTF-16BE with BOM named as UTF-16" grep -Eq "utf16be.txt: UTF-16.*byte offset 0" err
check "HTML page: hint --input html" grep -Eq "page.html: .*HTML.*--input html" err
check "directory named" has err "adir: is a directory"
check "missing file named" has err "missing.txt: cannot open: No such file or directory"
check "no bad document in the output" test "$(grep -Ec '"doc":"(overlong|surrogate|truncated|nul|binary|utf16|page|adir|missing)' out)" -eq 0
check "one message line per bad document, no noise" test "$(grep -c 'vnner: ' err)" -eq 11
check "unreadable file named" has err "noperm.txt: cannot open: Permission denied"

# each alone: exit status and output of one document
for f in overlong surrogate truncated nul; do
    "$V" annotate "$f.txt" > out 2> err
    check "$f alone: exit 1" test $? -eq 1
    check "$f alone: no output" test ! -s out
done
"$V" annotate - < nul.txt > /dev/null 2> err
check "standard input named '-' with the offset" has err "-: NUL byte at byte offset 8"

# empty and whitespace-only files are fine
"$V" annotate empty.txt ws.txt > out 2> err
check "empty and blank files: exit 0" test $? -eq 0
check "empty and blank files: no message" test ! -s err
check "empty file: no entities" has out '{"doc":"empty.txt","date":null,"entities":\[\],"relations":\[\]}'
check "blank file: no entities" has out '{"doc":"ws.txt","date":null,"entities":\[\],"relations":\[\]}'
for fmt in text conll brat html; do
    "$V" annotate --format $fmt empty.txt ws.txt > /dev/null 2> err
    check "empty and blank files, --format $fmt: exit 0" test $? -eq 0
done

# legacy encodings: the message says which one
"$V" annotate vni.txt tcvn3.txt vni_line.txt tcvn3_line.txt good.txt > out 2> err
check "legacy encodings: exit 1" test $? -eq 1
check "legacy encodings: the good document still annotated" annotated out good.txt
check "VNI article named VNI with the offset" grep -Eq "vni.txt: .*offset [0-9]+.*VNI" err
check "TCVN3 article named TCVN3 with the offset" grep -Eq "tcvn3.txt: .*offset [0-9]+.*TCVN3" err
check "VNI sentence named VNI" grep -Eq "vni_line.txt: .*VNI" err
check "TCVN3 sentence named TCVN3" grep -Eq "tcvn3_line.txt: .*TCVN3" err

# HTML: pages as browsers save them are recognised too; --input html reads them
for p in page_bom page_saved page_xhtml; do
    "$V" annotate "$p.html" > out 2> err
    check "$p.html: exit 1" test $? -eq 1
    check "$p.html: hint --input html" grep -Eq "$p.html: .*--input html" err
done
"$V" annotate --input html page.html > out 2> err
check "--input html: exit 0" test $? -eq 0
check "--input html: person found" has out '"type":"PERSON","start":[0-9]*,"end":[0-9]*,"bstart":[0-9]*,"bend":[0-9]*,"text":"Nguyễn Văn Thắng"'
check "--input html: post found" has out '"post":"Bí thư Tỉnh ủy Hà Giang"'
check "--input html: dateline read" has out '"doc":"page.html","date":"2024-03-04"'
check "--input html: script text dropped" hasnt out 'Giả Định'
check "--input html: references decoded" test "$("$V" annotate --input html --format text page.html | grep -c '&amp;\|&ndash;')" -eq 0
"$V" annotate --input html page_bom.html page_saved.html > out 2> err
check "--input html: saved pages exit 0" test $? -eq 0
check "--input html: saved pages annotated" test "$(grep -c '"post":"Bí thư Tỉnh ủy Hà Giang"' out)" -eq 2

# ---- size limits ----------------------------------------------------------
# A 100 MB single line (default limit 12 MiB), made once.
big=big.txt
python3 - <<'EOF'
s = 'Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng chủ trì hội nghị lần thứ %d, '
N = 100 * 1024 * 1024
parts, n, i = [], 0, 0
while True:
    b = (s % i).encode()
    if n + len(b) > N - 1:
        break
    parts.append(b); n += len(b); i += 1
out = b''.join(parts)
open('big.txt', 'wb').write(out + b'.' * (N - 1 - len(out)) + b'\n')
EOF
check "big file is 100 MB, one line" test "$(wc -c < big.txt)" -eq 104857600 -a "$(lines big.txt)" -eq 1
"$V" annotate big.txt good.txt > out 2> err
check "100 MB line: exit 1" test $? -eq 1
check "100 MB line: message names file, limit and --max-size" grep -Eq "big.txt: .*12582912.*--max-size" err
check "100 MB line: the next document still annotated" annotated out good.txt
check "100 MB line: not in the output" test "$(lines out)" -eq 1
"$V" annotate --max-size 50 good.txt good2.txt > out 2> err
check "--max-size 50: exit 1" test $? -eq 1
check "--max-size 50: message names the limit" grep -Eq "good.txt: .*size limit of 50 bytes.*--max-size" err
"$V" annotate --max-size abc good.txt > /dev/null 2> err
check "--max-size abc: usage error (exit 2)" test $? -eq 2
python3 -c "open('mid.txt','w').write('Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng dự họp. ' * 2000 + '\n')"
"$V" annotate --max-size 18446744073709551615 mid.txt > out 2> err
check "--max-size 2^64-1 (no limit): a 130 KB file is annotated" test $? -eq 0 -a "$(lines out)" -eq 1
# the default limit is 12 MiB (README, "Limits and errors": one document at
# the limit stays under 1 GB): a document of exactly the limit is read, one
# byte more is refused by name, size and limit (blank text: quick to do)
python3 -c "
n = 12 * 1024 * 1024
open('atlimit.txt', 'w').write(' ' * (n - 1) + '\\n')
open('overlimit.txt', 'w').write(' ' * n + '\\n')"
check "default limit: the test files are 12 MiB and 12 MiB + 1" \
    test "$(wc -c < atlimit.txt)" -eq 12582912 -a "$(wc -c < overlimit.txt)" -eq 12582913
"$V" annotate atlimit.txt > out 2> err
check "default limit: a document of 12582912 bytes is annotated" test $? -eq 0 -a "$(lines out)" -eq 1
"$V" annotate overlimit.txt good.txt > out 2> err
check "default limit: a document of 12582913 bytes: exit 1" test $? -eq 1
check "default limit: refused with the documented message" \
    has err "overlimit.txt: document of 12582913 bytes is over the size limit of 12582912 bytes (raise it with --max-size)"
check "default limit: the next document still annotated" annotated out good.txt
"$V" annotate --max-size 12582913 overlimit.txt > out 2> err
check "default limit raised with --max-size: annotated" test $? -eq 0 -a "$(lines out)" -eq 1
"$V" ingest --db limit.db overlimit.txt good.txt > out 2> err
check "ingest: a document of 12582913 bytes: exit 1" test $? -eq 1
check "ingest: refused with the documented message" \
    has err "overlimit.txt: document of 12582913 bytes is over the size limit of 12582912 bytes (raise it with --max-size)"
"$V" annotate --help > out 2>&1
check "annotate --help names the default limit" grep -q -- "--max-size N .*(default 12582912)" out
rm -f atlimit.txt overlimit.txt limit.db
if [ -n "${VNNER_SLOW_TESTS:-}" ]; then
    t0=$SECONDS
    "$V" annotate --max-size 209715200 big.txt 2> err | tail -c 64 > bigtail
    rc=${PIPESTATUS[0]}
    echo "note: 100 MB line with --max-size 209715200: exit $rc in $((SECONDS - t0)) s"
    check "100 MB line, limit raised: exit 0" test "$rc" -eq 0
    check "100 MB line, limit raised: output complete" grep -q ']}$' bigtail
else
    skip "100 MB line with the limit raised (30 s to minutes, over 4 GB of memory): set VNNER_SLOW_TESTS=1"
fi

# ---- JSON Lines -------------------------------------------------------------
{
    printf '{"id": "a1", "text": "Chủ tịch UBND tỉnh Sóc Trăng Lâm Văn Mẫn phát biểu.", "date": "2023-05-02"}\n'
    printf '{"id": "a2", "text": "oops"\n'                        # 2: not closed
    printf '{"id": 7}\n'                                         # 3: no text
    printf '[1, 2]\n'                                            # 4: not an object
    printf '{"id": "a5", "text": "Bí thư \xc3( họp"}\n'          # 5: invalid UTF-8 at byte 31 of the line
    printf '{"id": "a6", "text": "Bí thư\\u0000 họp"}\n'         # 6: NUL
    printf '{"id": "a7", "text": "x\\ud800y"}\n'                 # 7: lone surrogate
    printf '{"id": "a8", "text": 12}\n'                          # 8: text not a string
    printf '\n   \n'                                             # blank lines are skipped
    printf '{"id": "a9", "text": "Bộ trưởng Bộ Tài chính Hồ Đức Phớc họp."}'   # no final newline
} > in.jsonl
off() { head -n $(($1 - 1)) in.jsonl | wc -c | tr -d ' '; } # byte offset of line N
"$V" annotate --input jsonl in.jsonl > out 2> err
check "jsonl batch: exit 1" test $? -eq 1
check "jsonl: good records annotated" test "$(lines out)" -eq 2
check "jsonl: first record" annotated out a1
check "jsonl: record after the bad ones" annotated out a9
check "jsonl: unclosed object named file:line: byte" has err "in.jsonl:2: byte"
check "jsonl: record without text: file:line: byte offset" has err "in.jsonl:3: byte $(off 3)"
check "jsonl: array: file:line: byte offset" has err "in.jsonl:4: byte $(off 4)"
check "jsonl: invalid UTF-8: exact byte offset" has err "in.jsonl:5: byte $(( $(off 5) + 31 ))"
check "jsonl: \\u0000 named" has err "in.jsonl:6: byte"
check "jsonl: lone surrogate named" has err "in.jsonl:7: byte"
check "jsonl: text not a string named" has err "in.jsonl:8: byte $(off 8)"
check "jsonl: blank lines are not errors" test "$(grep -c 'in.jsonl:' err)" -eq 7
"$V" annotate --input jsonl missing.jsonl > /dev/null 2> err
check "jsonl: missing file: exit 1" test $? -eq 1
check "jsonl: missing file named" has err "missing.jsonl: cannot open"
"$V" annotate --input jsonl adir > /dev/null 2> err
check "jsonl: directory: exit 1" test $? -eq 1
check "jsonl: directory named" grep -Eq "adir: .*directory" err

# records without an id are named FILE:LINE, whole, however long the path
# (a 64-byte buffer cut it, inside a character too, and gave every record of
# the file one name)
LP=$(printf 'd%.0s' $(seq 1 60))/Tỉnh_ủy_Hà_Giang
mkdir -p "$LP"
printf '{"text": "Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng họp."}\n{"text": "Chủ tịch UBND tỉnh Sóc Trăng Lâm Văn Mẫn phát biểu."}\n' \
    > "$LP/recs.jsonl"
"$V" annotate --input jsonl "$LP/recs.jsonl" > out 2> err
check "jsonl without ids, long path: exit 0" test $? -eq 0
check "jsonl without ids, long path: line 1 named whole" annotated out "$LP/recs.jsonl:1"
check "jsonl without ids, long path: line 2 named whole" annotated out "$LP/recs.jsonl:2"
check "jsonl without ids, long path: valid UTF-8 JSON" python3 -c '
import json, sys
for l in open(sys.argv[1], "rb"): json.loads(l.decode("utf-8"))' out
"$V" ingest --db ids.db --input jsonl "$LP/recs.jsonl" > /dev/null 2> err
check "ingest jsonl without ids, long path: two documents of two names" \
    test "$(sqlite3 ids.db 'SELECT name FROM documents ORDER BY name' | tr '\n' ' ')" = "$LP/recs.jsonl:1 $LP/recs.jsonl:2 "

# a file that fails to read (/proc/self/mem: an I/O error at byte 0) is
# named and never read as a short input
printf '{"id": "after", "text": "Bộ trưởng Bộ Tài chính Hồ Đức Phớc họp."}\n' > after.jsonl
if head -c 1 /proc/self/mem > /dev/null 2> rd.err || ! grep -qi "input/output" rd.err; then
    skip "jsonl read error: /proc/self/mem does not fail to read here"
    EIO=
else
    EIO=/proc/self/mem
    "$V" annotate --input jsonl $EIO after.jsonl > out 2> err
    check "jsonl: read error: exit 1" test $? -eq 1
    check "jsonl: read error named" has err "vnner: /proc/self/mem: read error: Input/output error"
    check "jsonl: read error: the next file still annotated" annotated out after
fi

# a line over --max-size is refused by its file, line and offset, without
# being read whole into memory; the lines after it are still annotated
python3 - <<'PY'
import json
rec = lambda i, t: json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
a = rec("s1", "Bí thư Tỉnh ủy Hà Giang Nguyễn Văn Thắng họp.")
b = rec("s2", "x" * 5000)
c = rec("s3", "Chủ tịch UBND tỉnh Sóc Trăng Lâm Văn Mẫn phát biểu.")
d = rec("s4", "Bộ trưởng Bộ Tài chính Hồ Đức Phớc dự họp.")[:-1] # no final newline
open("long.jsonl", "w", encoding="utf-8").write(a + b + c + d)
open("long.off", "w").write(str(len(a.encode())))
PY
"$V" annotate --input jsonl --max-size 1000 long.jsonl > out 2> err
check "jsonl: line over --max-size: exit 1" test $? -eq 1
check "jsonl: line over --max-size: file, line, byte offset and limit named" \
    has err "long.jsonl:2: byte $(cat long.off): line over the size limit of 1000 bytes (raise it with --max-size)"
check "jsonl: line over --max-size: the lines around it annotated" \
    test "$(cut -c1-12 out | tr '\n' ' ')" = '{"doc":"s1", {"doc":"s3", {"doc":"s4", '
check "jsonl: line over --max-size: one message" test "$(grep -c vnner: err)" -eq 1
# memory: a line of 150 MB with --max-size 1000 takes no more than a short one
cat > rss.py <<'PY'
import os, subprocess, sys
def peak(n, v):
    p = subprocess.Popen([v, "annotate", "--input", "jsonl", "--max-size", "1000", "-", "after.jsonl"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chunk = b"y" * (1 << 20)
    try:
        p.stdin.write(b'{"id": "huge", "text": "')
        for _ in range(n):
            p.stdin.write(chunk)
        p.stdin.close()
    except BrokenPipeError:
        pass
    _, status, ru = os.wait4(p.pid, 0)
    return ru.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)
small, rc0 = peak(0, sys.argv[1])
big, rc1 = peak(150, sys.argv[1])
print(small, big, rc0, rc1)
PY
read -r small big rc0 rc1 < <(python3 rss.py "$V")
check "jsonl: a 150 MB line over --max-size: refused, exit 1 ($rc1)" test "$rc1" -eq 1
check "jsonl: a 150 MB line over --max-size: never in memory (peak ${big} MB, ${small} MB for a short line)" \
    test "$big" -lt $((small + 32))

# ---- ingest ----------------------------------------------------------------
docs() { sqlite3 "$1" "SELECT name FROM documents ORDER BY name" | tr '\n' ' '; }
"$V" ingest --db t1.db good.txt overlong.txt nul.txt binary.bin utf16le.txt page.html adir missing.txt \
    empty.txt big.txt good2.txt > out 2> err
check "ingest batch with bad documents: exit 1" test $? -eq 1
check "ingest: the good documents stored" test "$(docs t1.db)" = "empty.txt good.txt good2.txt "
check "ingest: invalid UTF-8 named with offset" has err "overlong.txt: invalid UTF-8 at byte offset 13"
check "ingest: NUL named with offset" has err "nul.txt: NUL byte at byte offset 8"
check "ingest: UTF-16 named" has err "utf16le.txt: UTF-16"
check "ingest: HTML named" grep -Eq "page.html: .*HTML" err
check "ingest: directory named" has err "adir: is a directory"
check "ingest: missing named" has err "missing.txt: cannot open"
check "ingest: big file names the limit" grep -Eq "big.txt: .*12582912.*--max-size" err
check "ingest: summary counts the failures" has err "11 documents read, 3 stored, 0 already stored, 8 failed"
check "ingest: nothing on standard output" test ! -s out
"$V" ingest --db t1.db --input html page.html > /dev/null 2>&1
check "ingest --input html, as the HTML message suggests: exit 0" test $? -eq 0

"$V" ingest --db t2.db --input jsonl in.jsonl > /dev/null 2> err
check "ingest jsonl batch: exit 1" test $? -eq 1
check "ingest jsonl: good records stored" test "$(docs t2.db)" = "a1 a9 "
check "ingest jsonl: bad lines named file:line: byte" test "$(grep -Ec 'in.jsonl:[2-8]: byte [0-9]+' err)" -eq 7
check "ingest jsonl: invalid UTF-8: exact byte offset" has err "in.jsonl:5: byte $(( $(off 5) + 31 ))"

"$V" ingest --db t2.db --input jsonl adir > /dev/null 2> err
check "ingest jsonl: directory: exit 1" test $? -eq 1
check "ingest jsonl: directory named" grep -Eq "adir: .*directory" err

if [ -n "$EIO" ]; then
    "$V" ingest --db t6.db --input jsonl $EIO after.jsonl > /dev/null 2> err
    check "ingest jsonl: read error: exit 1" test $? -eq 1
    check "ingest jsonl: read error named" has err "vnner: /proc/self/mem: read error: Input/output error"
    check "ingest jsonl: read error: the next file stored" test "$(docs t6.db)" = "after "
    check "ingest jsonl: read error counted as failed" has err "2 documents read, 1 stored, 0 already stored, 1 failed"
fi
"$V" ingest --db t7.db --input jsonl --max-size 1000 long.jsonl > /dev/null 2> err
check "ingest jsonl: line over --max-size: exit 1" test $? -eq 1
check "ingest jsonl: line over --max-size: named" \
    has err "long.jsonl:2: byte $(cat long.off): line over the size limit of 1000 bytes"
check "ingest jsonl: line over --max-size: the others stored" test "$(docs t7.db)" = "s1 s3 s4 "

"$V" annotate --with-text good.txt good2.txt > ann.jsonl
{ head -n 1 ann.jsonl; printf '{"doc": "broken", "entities": [\n'; printf '{"doc": "x", "entities": [], "relations": []}\n'; tail -n 1 ann.jsonl; } > ann2.jsonl
"$V" ingest --db t3.db --input annotated ann2.jsonl > /dev/null 2> err
check "ingest annotated with bad lines: exit 1" test $? -eq 1
check "ingest annotated: good lines stored" test "$(docs t3.db)" = "good.txt good2.txt "
check "ingest annotated: malformed line named" has err "ann2.jsonl:2: byte"
check "ingest annotated: line without text named" has err "ann2.jsonl:3: byte"
# an annotated line is its text and the JSON of what was found in it (5 to 8
# times the text): what annotate wrote under a limit is loaded under it
"$V" annotate --with-text --max-size 200 good2.txt > ann3.jsonl
check "annotated line longer than its text's limit (set-up)" test "$(wc -c < ann3.jsonl)" -gt 200
"$V" ingest --db t8.db --input annotated --max-size 200 ann3.jsonl > /dev/null 2> err
check "ingest annotated: a line within 32 times --max-size is loaded" test "$(docs t8.db)" = "good2.txt "
"$V" ingest --db t9.db --input annotated --max-size 10 ann3.jsonl > /dev/null 2> err
check "ingest annotated: a line over 32 times --max-size is refused" has err "ann3.jsonl:1: byte 0: line over the size limit of 320 bytes"

"$V" ingest --db t4.db --max-size abc good.txt > /dev/null 2> err
check "ingest --max-size abc: usage error (exit 2)" test $? -eq 2
"$V" ingest --db t5.db --max-size 18446744073709551615 mid.txt > /dev/null 2> err
check "ingest --max-size 2^64-1: a 130 KB file is stored" test $? -eq 0

[ $skipped -gt 0 ] && echo "$skipped skipped"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
