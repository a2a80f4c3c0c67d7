#!/usr/bin/env bash
# `vnner annotate --format html` end to end: an article of this test's own
# with a script and markup in its text is made into a page; headless
# Chromium loads it and dumps the DOM, and the DOM must show every entity of
# `annotate --format jsonl` as a span of its type (nested ones inside their
# parents, the text unchanged), the relations in the table, the script and
# markup as text, and no sign that the script ran.  The same checks run on
# the page as vnner wrote it (Python's HTML parser).  Without Chromium the
# test fails.
# usage: test_html.sh VNNER TESTDIR
set -u
V=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}

if ! command -v python3 > /dev/null 2>&1; then
    echo "FAIL: python3 is needed to read the pages (apt-get install python3)"
    echo "0 passed, 1 failed"
    exit 1
fi

# The document name goes into the page's <title> and heading: give it markup too.
ART="$T/bài <img src=x onerror=document.title='PWNED'> & \"x\".txt"
cat > "$ART" <<'EOF'
Bình Định tổng kết công tác năm 2023

Thứ Hai, 15/01/2024 | 08:00

Sáng nay, ông Lê Văn Khánh, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy Bình Định, chủ trì hội nghị tổng kết công tác năm 2023. Dự hội nghị có bà Trần Thị Hoa, Chủ tịch UBND tỉnh Bình Định, và ông Đỗ Minh Tâm, Trưởng Ban Tổ chức Tỉnh ủy Bình Định.

Một bạn đọc gửi tới tòa soạn đoạn mã <script>window.__pwned=1;document.title="PWNED"</script> cùng dòng chữ <b>markup</b> & 'trích dẫn' để thử trang web.

Ngày 12/1, Ủy ban nhân dân tỉnh Bình Định tặng Bằng khen cho ông Đỗ Minh Tâm vì thành tích xuất sắc trong công tác năm 2023. Chiều cùng ngày, ông Lê Văn Khánh dự hội nghị "Dân vận khéo" năm 2023.
EOF

"$V" annotate --format html "$ART" > "$T/page.html" 2> "$T/err"
check "annotate --format html exits 0" test $? -eq 0
check "annotate --format html says nothing on standard error" test ! -s "$T/err"
"$V" annotate --format jsonl "$ART" > "$T/ann.jsonl"
check "annotate --format jsonl exits 0" test $? -eq 0
check "no raw <script in the page" test "$(grep -ci '<script' "$T/page.html")" -eq 0

# The checks, on a page (as written, or as Chromium's DOM).  One line a check:
# "PASS name" or "FAIL name: why".
cat > "$T/check.py" <<'EOF'
import collections, json, sys
from html.parser import HTMLParser

page, annfile, artfile, where = sys.argv[1:5]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []
    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)
    def walk(self):
        for c in self.children:
            if not isinstance(c, str):
                yield c
                yield from c.walk()

class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#document", [], None)
    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n
    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))
    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent
    def handle_data(self, data):
        self.cur.children.append(data)

b = Builder()
b.feed(open(page, encoding="utf-8").read())
b.close()
nodes = list(b.root.walk())
ann = json.loads(open(annfile, encoding="utf-8").readline())
text = open(artfile, encoding="utf-8").read()
ents = {e["id"]: e for e in ann["entities"]}
results = []

def check(name, ok, why=""):
    results.append(("PASS %s: %s" % (where, name)) if ok else ("FAIL %s: %s: %s" % (where, name, why)))

def first(tag):
    return next((n for n in nodes if n.tag == tag), None)

# the script did not run, and the page carries none
title = first("title")
title_text = title.text() if title else None
check("title is the document name", title_text == ann["doc"], "title %r, document %r" % (title_text, ann["doc"]))
check("title is not PWNED", title_text != "PWNED", "the injected script ran")
check("no script element", not any(n.tag == "script" for n in nodes), "a <script> element is in the page")
handlers = sorted({a for n in nodes for a in n.attrs if a.startswith("on")})
check("no event-handler attribute", not handlers, ", ".join(handlers))
loads = [n.tag for n in nodes if n.tag in ("link", "img", "iframe", "object", "embed", "frame", "base")
         or "src" in n.attrs or ("href" in n.attrs and not n.attrs["href"].startswith("#"))]
check("loads nothing from outside", not loads, ", ".join(loads))
main = first("main")
check("the text is in <main>", main is not None)
if main is None:
    print("\n".join(results))
    sys.exit(0)
mtext = main.text()
check("script shown as text", '<script>window.__pwned=1;document.title="PWNED"</script>' in mtext,
      "the script's text is not in the page")
check("markup shown as text", "<b>markup</b> & 'trích dẫn'" in mtext, "the markup's text is not in the page")
check("no <b> or <i> element made from the text", not any(n.tag in ("b", "i") for n in nodes))
check("the text is the article's, unchanged", mtext == text,
      "first difference at %d" % next((i for i, (x, y) in enumerate(zip(mtext, text)) if x != y), min(len(mtext), len(text))))

# every entity a span of its type, nested as the annotation nests them
spans = [n for n in main.walk() if n.tag == "span" and "ent" in n.attrs.get("class", "").split()]
def count(types):
    return dict(sorted(collections.Counter(types).items()))
want, got = count(e["type"] for e in ann["entities"]), count(s.attrs.get("data-type") for s in spans)
check("entity spans per type %s" % want, want == got, "spans %s" % got)
check("as many spans as entities (%d)" % len(ents), len(spans) == len(ents), "%d spans" % len(spans))
byid = {s.attrs.get("id"): s for s in spans}
bad = []
for e in ann["entities"]:
    s = byid.get(e["id"])
    if s is None:
        bad.append("%s %s %r: no span" % (e["id"], e["type"], e["text"]))
        continue
    if s.attrs.get("class") != "ent " + e["type"] or s.attrs.get("data-type") != e["type"]:
        bad.append("%s: class %r data-type %r" % (e["id"], s.attrs.get("class"), s.attrs.get("data-type")))
    if s.text() != e["text"]:
        bad.append("%s: span text %r, entity %r" % (e["id"], s.text(), e["text"]))
    if s.attrs.get("data-norm") != e["norm"] or s.attrs.get("data-rule") != e["rule"]:
        bad.append("%s: data-norm %r data-rule %r" % (e["id"], s.attrs.get("data-norm"), s.attrs.get("data-rule")))
    if text[e["start"]:e["end"]] != e["text"]:
        bad.append("%s: jsonl offsets do not give its text" % e["id"])
check("each entity is a span with its type, text, norm and rule", not bad, "; ".join(bad[:5]))
bad = []
for e in ann["entities"]:
    s = byid.get(e["id"])
    p = s.parent if s else None
    while p is not None and not (p.tag == "span" and "ent" in p.attrs.get("class", "").split()):
        p = p.parent
    if s is not None and (p.attrs.get("id") if p is not None else None) != e["parent"]:
        bad.append("%s inside %s, parent %s" % (e["id"], p.attrs.get("id") if p is not None else None, e["parent"]))
nested = sum(1 for e in ann["entities"] if e["parent"])
check("nested entities are nested spans (%d)" % nested, not bad and nested > 0, "; ".join(bad[:5]))
for t in ("PERSON", "POSITION", "BODY", "EVENT", "PLACE", "DATE"):
    check("a %s is highlighted" % t, any(e["type"] == t for e in ann["entities"]))

# the relations table
table = next((n for n in nodes if n.tag == "table" and n.attrs.get("id") == "relations"), None)
rows = [n for n in table.walk() if n.tag == "tr"] if table else []
rels = ann["relations"]
check("relations table has a row per relation (%d)" % len(rels), len(rows) == len(rels), "%d rows" % len(rows))
bad = []
for i, (r, row) in enumerate(zip(rels, rows)):
    cells = [c for c in row.children if not isinstance(c, str) and c.tag == "td"]
    links = [[a for a in c.walk() if a.tag == "a"] for c in cells]
    if len(cells) < 3 or cells[0].text() != r["type"]:
        bad.append("row %d: %r is not %s" % (i + 1, [c.text() for c in cells], r["type"]))
        continue
    who = r.get("person") or r.get("recipient")
    if who in ents:
        if cells[1].text() != ents[who]["text"] or not links[1] or links[1][0].attrs.get("href") != "#" + who:
            bad.append("row %d: person %r, link %r" % (i + 1, cells[1].text(), [a.attrs for a in links[1]]))
    target = {"HOLDS": "position", "PARTICIPATES": "event", "AWARDED": "giver"}.get(r["type"])
    if target and r.get(target):
        if not links[2] or links[2][0].attrs.get("href") != "#" + r[target] or r[target] not in byid:
            bad.append("row %d: no link to %s" % (i + 1, r[target]))
    expect = {"HOLDS": r.get("post"), "PARTICIPATES": r.get("role"), "AWARDED": r.get("award")}.get(r["type"])
    if expect and expect not in cells[2].text():
        bad.append("row %d: %r lacks %r" % (i + 1, cells[2].text(), expect))
    if r["type"] == "HOLDS" and r["qualifier"] not in cells[3].text():
        bad.append("row %d: qualifier %r" % (i + 1, cells[3].text()))
check("each relation listed with its person, post/role/award and links", not bad, "; ".join(bad[:5]))
kinds = collections.Counter(r["type"] for r in rels)
check("the article's relations: HOLDS, PARTICIPATES, AWARDED %s" % dict(kinds),
      all(kinds[k] for k in ("HOLDS", "PARTICIPATES", "AWARDED")))
aside = first("aside")
legend = aside.text() if aside else ""
check("legend names the six types", all(t in legend for t in ("PERSON", "POSITION", "BODY", "EVENT", "PLACE", "DATE")))
check("publication date shown", ann["date"] is not None and ann["date"] in legend, "date %r" % ann["date"])
print("\n".join(results))
EOF

run_checks() { # run_checks PAGE WHERE
    if ! python3 "$T/check.py" "$1" "$T/ann.jsonl" "$ART" "$2" > "$T/results" 2>&1; then
        fail=$((fail + 1))
        echo "FAIL: $2: the checker stopped:"
        sed 's/^/    /' "$T/results"
        return
    fi
    while IFS= read -r line; do
        case $line in
        PASS*) pass=$((pass + 1)) ;;
        *) fail=$((fail + 1)); echo "$line" ;;
        esac
    done < "$T/results"
}

run_checks "$T/page.html" "page as written"

CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
    fail=$((fail + 1))
    echo "FAIL: Chromium is not installed, the page was not loaded in a browser (./bootstrap test installs chromium)"
else
    dump() { # dump FILE.html > DOM
        timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$(mktemp -d -p "$T")" --dump-dom "file://$1" 2> "$T/chromium.err"
    }
    # control: a page whose script does run shows it in the dumped DOM
    printf '<!DOCTYPE html><html><head><title>control</title></head><body><p>x</p><script>window.__pwned=1;document.title="PWNED"</script></body></html>\n' > "$T/control.html"
    dump "$T/control.html" > "$T/control.dom"
    check "control: Chromium runs a page's script (title becomes PWNED)" grep -q '<title>PWNED</title>' "$T/control.dom"
    dump "$T/page.html" > "$T/page.dom"
    check "Chromium loads the page" test -s "$T/page.dom"
    check "Chromium's DOM has no PWNED title" test "$(grep -c '<title>PWNED' "$T/page.dom")" -eq 0
    run_checks "$T/page.dom" "Chromium DOM"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
