#!/usr/bin/env bash
# Rules as data: every bundled rule's examples pass; --rules DIR adds a rule
# (a cooperative's post, a new phrasing) without a rebuild, replaces one by
# id, drops one; a rule file with an error names file:line:column and exits 2
# on every command that reads rules; --coverage lists rules that found nothing.
. "$(dirname "$0")/lib.sh"
"$V" rules --check > out 2> err
check "rules --check: every bundled example passes" test $? -eq 0
check "rules --check: the summary says so" has out " 0 fail"
"$V" rules > list
check "rules: lists entity and relation rules with their file" has list "holds.name-positions .*relations.*relations.rules:"

mkdir gaz rules
printf 'surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\nHợp tác xã Nông nghiệp Tân Lập\t\tBODY\t\t\ta cooperative\n' > gaz/coop.tsv
cat > rules/coop.rules <<'R'
phase relations
# "ông X đảm nhận cương vị P": the post starts
relation coop.takes-up HOLDS qualifier=current from=article change=start:
    (?<person> @PERSON) "đảm nhận cương vị" (?<post> @POSITION)
  example: Ông Lý Văn Hòa đảm nhận cương vị Giám đốc Hợp tác xã Nông nghiệp Tân Lập.
  expect: person=Lý Văn Hòa; post=Giám đốc Hợp tác xã Nông nghiệp Tân Lập
R
printf 'Ngày 3/12/2026, ông Lý Văn Hòa đảm nhận cương vị Giám đốc Hợp tác xã Nông nghiệp Tân Lập.\n' > coop.txt
"$V" annotate --gazetteer gaz --format text --explain coop.txt > out
check "without the rule: no relation" hasnt out "^HOLDS"
"$V" annotate --gazetteer gaz --rules rules --format text --explain coop.txt > out
check "annotate --rules: the user's rule gives the post, with its start and its id" has out "HOLDS Lý Văn Hòa | Giám đốc Hợp tác xã Nông nghiệp Tân Lập | current | from 2026-12-03 {coop.takes-up}"
"$V" annotate --gazetteer gaz --rules rules --date 2026-12-03 coop.txt > out.jsonl
check "annotate --rules: the start is the article's date" has out.jsonl '"from":"2026-12-03"'
"$V" ingest --db c.db --gazetteer gaz --rules rules coop.txt > /dev/null 2>&1
"$V" who --db c.db --on 2026-12-05 "Giám đốc Hợp tác xã Nông nghiệp Tân Lập" > out 2> err
check "ingest --rules: who finds the holder" has out "Lý Văn Hòa"
"$V" rules --gazetteer gaz --rules rules --check > out 2> err
check "rules --check runs the user's example too" test $? -eq 0 -a "$(grep -c '44 pass\|pass, 0 fail' out)" -eq 1

# a rule with a bundled id replaces it; drop removes one, and its example then fails
mkdir over drop
cat > over/x.rules <<'R'
phase relations
relation role.after-name PARTICIPATES: (?<person> @PERSON) (?<role> ROLE) "hội thảo"
R
printf 'Ông Trần Văn Nam, Bí thư Tỉnh ủy, chủ trì Hội nghị Ban Chấp hành Đảng bộ tỉnh.\n' > role.txt
"$V" annotate --format text role.txt > a
"$V" annotate --rules over --format text role.txt > b
check "bundled: the role is found" has a "^PARTICIPATES"
check "replaced by id: the user's narrower rule does not find it" hasnt b "^PARTICIPATES"
printf 'drop holds.name-positions\n' > drop/d.rules
"$V" rules --rules drop > list
check "drop: the rule is gone from the list" hasnt list "holds.name-positions"
"$V" annotate --rules drop --format text role.txt > out
check "drop: what only it found is gone" hasnt out "^HOLDS"
mkdir wrong
cat > wrong/w.rules <<'R'
phase relations
relation user.wrong HOLDS: (?<person> @PERSON) "," (?<post> @POSITION)
  example: Ông Trần Văn Nam, Bí thư Tỉnh ủy Nghệ An, dự họp.
  expect: person=Trần Văn Nam; post=Chủ tịch UBND tỉnh Nghệ An
R
"$V" rules --rules wrong --check > out 2> err
check "an example that does not hold: exit 1" test $? -eq 1
check "the failure names the example's file and line and what was found" has err "wrong/w.rules:3: rule user.wrong: the example does not give"
check "the failure shows what the rule gave" has err "got HOLDS person=Trần Văn Nam; post=Bí thư Tỉnh ủy Nghệ An"

# errors: file:line:column, exit 2, on every command that reads rules
mkdir bad
printf 'phase relations\n# a comment\nrelation bad.one HOLDS:\n    (?<person> @PERSON) (?<post> @POSITON)\n' > bad/b.rules
"$V" annotate --rules bad coop.txt > out 2> err
check "annotate: a bad rule exits 2" test $? -eq 2
check "annotate: the error names file:line:column" has err "bad/b.rules:4:34: rule bad.one: unknown entity type 'POSITON'"
"$V" ingest --db e.db --rules bad coop.txt > out 2> err
check "ingest: exit 2 and the same place" test $? -eq 2 -a "$(grep -c 'b.rules:4:34' err)" -eq 1
"$V" who --db c.db --rules bad "Giám đốc Hợp tác xã Nông nghiệp Tân Lập" > out 2> err
check "who: exit 2" test $? -eq 2
"$V" rules --rules nowhere > out 2> err
check "a --rules folder that does not exist: exit 2, named" test $? -eq 2 -a "$(grep -c 'nowhere' err)" -eq 1

# coverage
printf 'Ông Trần Văn Nam, Bí thư Tỉnh ủy Nghệ An, chủ trì hội nghị.\n' > c1.txt
"$V" rules --coverage c1.txt > cov
check "coverage: counts what a rule found" has cov "holds.name-positions .* 1 "
check "coverage: lists the rules that found nothing" has cov "rules found nothing in 1 files:"
check "coverage: an unused rule is listed" has cov "^  award.gives "
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
