#!/usr/bin/env bash
# who and positions --batch: one query a line from standard input, one answer
# each (one JSON object a line), the worst exit status; --gazetteer on who.
. "$(dirname "$0")/lib.sh"
cat > a.txt <<'TXT'
Hội nghị tổng kết

Thứ Hai, 10/03/2025 | 10:00

Ông Phạm Anh Tuấn, Chủ tịch UBND tỉnh Gia Lai, chủ trì hội nghị. Bà Lê Thị Hoa, Bí thư Tỉnh ủy Gia Lai, phát biểu.
TXT
"$V" ingest --db b.db a.txt > /dev/null 2>&1
printf 'Chủ tịch UBND tỉnh Gia Lai\n\nBi thu Tinh uy Gia Lai\n' | "$V" who --db b.db --on 2025-03-10 --format json --batch > out.jsonl 2> err
rc=$?
check "batch: all known, exit 0" test $rc -eq 0
check "batch: one JSON line per query, blank lines skipped" test "$(wc -l < out.jsonl)" -eq 2
check "batch: first answer" test "$(sed -n 1p out.jsonl | grep -c '"person":"Phạm Anh Tuấn"')" -eq 1
check "batch: second answer (no diacritics)" test "$(sed -n 2p out.jsonl | grep -c '"person":"Lê Thị Hoa"')" -eq 1
check "batch: every line is JSON" python3 -c 'import json,sys; [json.loads(l) for l in open("out.jsonl")]'
printf 'Chủ tịch UBND tỉnh Gia Lai\nGiám đốc Sở Gì Đó\n' | "$V" who --db b.db --on 2025-03-10 --batch > out.txt 2> err
rc=$?
check "batch: an unknown post among them: exit 1" test $rc -eq 1
check "batch: the known one is still answered" has out.txt "Phạm Anh Tuấn"
printf 'Phạm Anh Tuấn\nPham Anh Tuan\n' | "$V" positions --db b.db --format json --batch > pos.jsonl 2> err
check "positions batch: two answers, both find the person" test "$(grep -c 'Chủ tịch UBND tỉnh Gia Lai' pos.jsonl)" -eq 2
# a line's own date after a tab: the post held then (before the article nobody is known), a bad date
# named by its line, the rest still answered
printf 'Chủ tịch UBND tỉnh Gia Lai\t2025-03-10\nChủ tịch UBND tỉnh Gia Lai\t2020-01-01\nChủ tịch UBND tỉnh Gia Lai\t2025-02-30\nBí thư Tỉnh ủy Gia Lai\n' |
    "$V" who --db b.db --on 2025-03-10 --format json --batch > dated.jsonl 2> err
rc=$?
check "batch: a bad date among them: usage status" test $rc -eq 2
check "batch: the bad date is named with its line" grep -q "standard input, line 3: .*2025-02-30" err
check "batch: three answers" test "$(wc -l < dated.jsonl)" -eq 3
check "batch: a line's own date answered" test "$(sed -n 1p dated.jsonl | grep -c '"on":"2025-03-10".*"person":"Phạm Anh Tuấn"')" -eq 1
check "batch: a line's own earlier date: nobody yet" test "$(sed -n 2p dated.jsonl | grep -c '"on":"2020-01-01"')" -eq 1 -a "$(sed -n 2p dated.jsonl | grep -c 'Phạm Anh Tuấn')" -eq 0
check "batch: a line with no date takes --on" test "$(sed -n 3p dated.jsonl | grep -c '"on":"2025-03-10".*"person":"Lê Thị Hoa"')" -eq 1
"$V" who --db b.db Chủ tịch UBND > out 2> err
check "an unquoted post: usage, with a hint to quote" test $? -eq 2 -a "$(grep -c 'quoted' err)" -eq 1
mkdir g
printf 'surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\nChủ tịch xứ\tChủ tịch Ủy ban nhân dân tỉnh\tABBR\t\t\t\n' > g/extra.tsv
"$V" who --db b.db --gazetteer g --on 2025-03-10 "Chủ tịch xứ Gia Lai" > out 2> err
check "who --gazetteer: a user's abbreviation finds the post" has out "Phạm Anh Tuấn"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
