#!/usr/bin/env bash
# The README's synopsis of each command is the one `vnner help COMMAND`
# prints (the usage lines, spaces aside): the two cannot drift apart.
# usage: test_docs.sh VNNER TESTDIR (the README is TESTDIR/../README.md)
set -u
V=$1 README=$2/../README.md
H=$(mktemp)
trap 'rm -f "$H"' EXIT
command -v python3 > /dev/null || { echo "test_docs: needs python3"; exit 1; }
fail=0
for cmd in annotate ingest who positions history export stats forget graph rules; do
    "$V" help "$cmd" > "$H" 2>&1
    if ! python3 - "$README" "$cmd" "$H" <<'PY'
import re, sys
readme, cmd, helpf = sys.argv[1], sys.argv[2], sys.argv[3]
def norm(s):
    return re.sub(r"\s+", " ", s).strip()
lines = open(helpf, encoding="utf-8").read().split("\n")
syn = []  # the usage lines: "usage: vnner CMD ..." and the indented lines that go on with it
for l in lines:
    if l.startswith("usage: "):
        syn.append(l[len("usage: "):])
    elif syn and l.startswith(" ") and l.strip().startswith(("vnner", "[", "--", "-", "<", "FILE", "POST", "PERSON", "DOC")):
        syn.append(l)
    elif syn:
        break
want = norm(" ".join(syn))
# the README's indented blocks (four spaces), joined
text = open(readme, encoding="utf-8").read()
blocks, cur = [], []
for l in text.split("\n"):
    if l.startswith("    "):
        cur.append(l)
    elif cur:
        blocks.append(norm(" ".join(cur))); cur = []
if cur:
    blocks.append(norm(" ".join(cur)))
if not want or not any(want in b for b in blocks):
    print("FAIL: README's synopsis of %s is not the help's:\n  help:   %s" % (cmd, want))
    for b in blocks:
        if b.startswith("vnner " + cmd):
            print("  README: %s" % b)
    sys.exit(1)
PY
    then fail=$((fail + 1)); fi
done
echo "$((10 - fail)) passed, $fail failed"
exit $((fail > 0))
