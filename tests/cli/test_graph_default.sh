#!/usr/bin/env bash
# The default graph of a big database reads as a picture: trimmed to
# --max-nodes, it keeps whole person - post - body paths (more edges than
# nodes minus one, no node alone), and Graphviz and a browser render it.
# usage: test_graph_default.sh VNNER TESTDIR
set -u
V=$1 TD=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { local name=$1; shift; if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi; }
python3 "$TD/bench/gencorpus.py" --articles 4000 --seed 11 --format jsonl > "$T/c.jsonl" 2> /dev/null
"$V" ingest --db "$T/g.db" -j 2 --input jsonl "$T/c.jsonl" 2> "$T/ingest.err"
check "a generated corpus of 4000 articles is stored" grep -q "4000 documents read, 4000 stored" "$T/ingest.err"
"$V" graph --db "$T/g.db" --max-nodes 300 -o "$T/g.dot" 2> "$T/err"
check "graph: exit 0" test $? -eq 0
python3 - "$T/g.dot" > "$T/stats" <<'PY'
import re, sys
nodes, edges, touched = set(), 0, set()
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s+(\w+) \[shape=", line)
    if m:
        nodes.add(m.group(1))
    m = re.match(r"\s+(\w+) -> (\w+) \[", line)
    if m:
        edges += 1
        touched.update(m.groups())
print(len(nodes), edges, len(nodes - touched))
PY
read -r nn ne alone < "$T/stats"
check "graph: trimmed to --max-nodes ($nn nodes)" test "$nn" -le 300 -a "$nn" -gt 200
check "graph: more edges than nodes minus one ($ne edges, $nn nodes)" test "$ne" -gt $((nn - 1))
check "graph: no node alone ($alone)" test "$alone" -eq 0
check "graph: a legend" grep -q 'label="ellipse: person' "$T/g.dot"
boxes=$(grep -c '^  subgraph cluster_place' "$T/g.dot")
check "graph: posts in their provinces' boxes ($boxes)" test "$boxes" -ge 5
check "graph: a body box with its posts" grep -q '^    subgraph cluster_b[0-9]* { graph \[label="", style=rounded, color="#8ce99a"\]; b[0-9]*; t[0-9]*;' "$T/g.dot"
if command -v dot > /dev/null; then
    dot -Tsvg "$T/g.dot" -o "$T/g.svg" 2> "$T/dot.err"
    check "Graphviz renders it without a warning" test $? -eq 0 -a ! -s "$T/dot.err"
    "$V" graph --db "$T/g.db" --format png -o "$T/g2.png" 2> /dev/null
    check "graph --format png: a whole PNG" sh -c "head -c 8 '$T/g2.png' | od -An -c | grep -q 'P   N   G' && tail -c 8 '$T/g2.png' | grep -q IEND"
    browser=$(command -v chromium || command -v chromium-browser || true)
    if [ -n "$browser" ]; then
        timeout 120 "$browser" --headless --no-sandbox --disable-gpu --window-size=1400,1000 \
            --screenshot="$T/g.png" "file://$T/g.svg" > /dev/null 2>&1
        check "headless Chromium renders the SVG" test -s "$T/g.png"
    fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
