#!/usr/bin/env bash
# The golden comparison can fail, for every field it compares: copies of
# tests/golden files are edited in one place each (one relation field, one
# entity's span, type, value or parent, the publication date, a relation line
# added or taken out), and `test_golden FILE` must exit 1 naming the
# difference.  The unedited copies must pass (exit 0), so the failures come
# from the edits; an edit that changes nothing is itself a failure.
# usage: golden_mutants.sh TEST_GOLDEN TESTDIR
set -u
G=$1
GOLD=$2/golden
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# control: the files as they are
for f in g01 g02 g03 g07; do
    cp "$GOLD/$f.ann" "$T/$f.ann"
    if "$G" "$T/$f.ann" > "$T/out" 2>&1 && grep -qx "1 files, 0 differences" "$T/out"; then
        ok
    else
        bad "unedited $f.ann does not pass:"; sed 's/^/    /' "$T/out"
    fi
done

# says TEXT: a line of the checker's output has TEXT.
says() { grep -qF -- "$1" "$T/out"; }

# mutant NAME FILE OLD NEW EXPECT...: FILE with the first OLD replaced by NEW
# must fail, and the checker's output must say each EXPECT.
n=0
mutant() {
    local name=$1 file=$2 old=$3 new=$4
    shift 4
    n=$((n + 1))
    local m="$T/m$n-$file.ann" c
    c=$(< "$GOLD/$file.ann")
    printf '%s\n' "${c/"$old"/"$new"}" > "$m"
    if cmp -s "$m" "$GOLD/$file.ann"; then
        bad "$name: the edit changes nothing in $file.ann ('$old' not found)"
        return
    fi
    "$G" "$m" > "$T/out" 2>&1
    local rc=$?
    if [ "$rc" -ne 1 ]; then
        bad "$name: exit status $rc, expected 1 (differences found):"; sed 's/^/    /' "$T/out"
        return
    fi
    local e
    for e in "$@"; do
        if ! says "$e"; then
            bad "$name: the output does not say '$e':"; sed 's/^/    /' "$T/out"
            return
        fi
    done
    ok
    echo "caught: $name"
    grep -v '^[0-9]* files' "$T/out" | sed 's/^/    /'
}

V='HOLDS | Hà Văn Thạch | Bí thư Tỉnh ủy Bình Phước | current | from=- | to=- | term=- | place=Bình Phước | body=Tỉnh ủy Bình Phước'
K='HOLDS | Nguyễn Đình Khôi | Phó Chủ tịch UBND tỉnh Bình Phước | current | from=2024-03-14 | to=- | term=2021/2026 | place=Bình Phước | body=UBND tỉnh Bình Phước'
N='HOLDS | Lê Thị Hồng Nhung | Phó Chủ tịch UBND tỉnh Bình Phước | former | from=- | to=2024-03-13 | term=- | place=Bình Phước | body=UBND tỉnh Bình Phước'

# relation fields
mutant "HOLDS person" g01 "$V" "${V/Hà Văn Thạch/Trần Quang Vinh}" \
    "missed relation ${V/Hà Văn Thạch/Trần Quang Vinh}" "spurious relation $V"
mutant "HOLDS post" g01 "$V" "${V/| Bí thư Tỉnh ủy/| Phó Bí thư Tỉnh ủy}" "spurious relation $V"
mutant "HOLDS qualifier" g01 "$V" "${V/current/former}" "missed relation ${V/current/former}" "spurious relation $V"
mutant "HOLDS from" g01 "$K" "${K/from=2024-03-14/from=2024-03-15}" "missed relation ${K/from=2024-03-14/from=2024-03-15}" \
    "spurious relation $K"
mutant "HOLDS to" g01 "$N" "${N/to=2024-03-13/to=-}" "missed relation ${N/to=2024-03-13/to=-}" "spurious relation $N"
mutant "HOLDS term" g01 "$K" "${K/term=2021\/2026/term=-}" "missed relation ${K/term=2021\/2026/term=-}" \
    "spurious relation $K"
mutant "HOLDS place" g01 "$V" "${V/place=Bình Phước/place=-}" "missed relation ${V/place=Bình Phước/place=-}"
mutant "HOLDS body" g01 "$V" "${V/body=Tỉnh ủy Bình Phước/body=Tỉnh ủy}" "missed relation ${V/body=Tỉnh ủy Bình Phước/body=Tỉnh ủy}" \
    "spurious relation $V"
P='PARTICIPATES | Hà Văn Thạch | attend | Kỳ họp thứ 15 (chuyên đề), HĐND tỉnh khóa X'
mutant "PARTICIPATES person" g01 "$P" "${P/Hà Văn Thạch/Nguyễn Đình Khôi}" "spurious relation $P"
mutant "PARTICIPATES role" g01 "$P" "${P/attend/speak}" "missed relation ${P/attend/speak}" "spurious relation $P"
E='PARTICIPATES | Ly Mí Chớ | attend | tiếp xúc cử tri tại thị trấn Mèo Vạc'
mutant "PARTICIPATES event" g02 "$E" "PARTICIPATES | Ly Mí Chớ | attend | Kỳ họp thứ 8, Quốc hội khóa XV" \
    "missed relation PARTICIPATES | Ly Mí Chớ | attend | Kỳ họp thứ 8, Quốc hội khóa XV" "spurious relation $E"
mutant "an invented participation" g01 "$P" "$P"$'\n'"${P/attend/speak}" "missed relation ${P/attend/speak}"
mutant "a participation left out" g01 "$P"$'\n' "" "spurious relation $P"
A='AWARDED | Lee Sang-woo | Bằng khen | giver=UBND thành phố Hải Phòng'
mutant "AWARDED recipient" g07 "$A" "${A/Lee Sang-woo/Thịnh}" "spurious relation $A"
mutant "AWARDED award" g07 "$A" "${A/Bằng khen/Huân chương Lao động hạng Ba}" "spurious relation $A"
mutant "AWARDED giver" g07 "$A" "${A/giver=UBND thành phố Hải Phòng/giver=Hải Phòng}" \
    "missed relation ${A/giver=UBND thành phố Hải Phòng/giver=Hải Phòng}" "spurious relation $A"
mutant "AWARDED giver left out" g03 "giver=Uỷ ban Kiểm tra Trung ương" "giver=-" "giver=-" \
    "missed relation AWARDED | Uỷ ban Kiểm tra Huyện uỷ Mỹ Xuyên | Bằng khen | giver=-" \
    "spurious relation AWARDED | Uỷ ban Kiểm tra Huyện uỷ Mỹ Xuyên | Bằng khen | giver=Uỷ ban Kiểm tra Trung ương"
mutant "AUTHOR" g02 "AUTHOR | Đức Thịnh" "AUTHOR | Ngọc Hân" "missed relation AUTHOR | Ngọc Hân" \
    "spurious relation AUTHOR | Đức Thịnh"

# entities
mutant "entity span" g01 "{PERSON Hà Văn Thạch}" "{PERSON Hà Văn} Thạch" \
    "missed PERSON 'Hà Văn'" "spurious PERSON 'Hà Văn Thạch'"
mutant "entity type" g01 "{PERSON Bảo Khánh}" "{PLACE Bảo Khánh}" "missed PLACE 'Bảo Khánh'" "spurious PERSON 'Bảo Khánh'"
mutant "DATE value" g01 "{DATE=2024-03-14 Sáng nay}" "{DATE=2024-03-13 Sáng nay}" \
    "DATE 'Sáng nay'" "has value 2024-03-14, expected 2024-03-13"
mutant "DATE value stated as null" g01 "{DATE=2021/2025 2021 - 2025}" "{DATE 2021 - 2025}" \
    "has value 2021/2025, expected -"
mutant "entity parent" g03 "{BODY Uỷ ban Kiểm tra Tỉnh uỷ {PLACE Sóc Trăng}}" "{BODY Uỷ ban Kiểm tra Tỉnh uỷ }{PLACE Sóc Trăng}" \
    "PLACE 'Sóc Trăng'" "is inside BODY 'Uỷ ban Kiểm tra Tỉnh uỷ Sóc Trăng'" "expected inside nothing"
mutant "entity left out" g01 "{PERSON Bảo Khánh}" "Bảo Khánh" "spurious PERSON 'Bảo Khánh'"
mutant "publication date" g01 "@date 2024-03-14" "@date 2024-03-15" "publication date 2024-03-14, expected 2024-03-15"

# a line the format does not know is refused, not skipped (exit 2)
c=$(< "$GOLD/g01.ann")
printf '%s\nHOLDS | Hà Văn Thạch | Bí thư Tỉnh ủy Bình Phước | current\n' "$c" > "$T/old-format.ann"
"$G" "$T/old-format.ann" > "$T/out" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "not a relation line of the format" "$T/out"; then ok; else bad "an old-format line: exit $rc"; sed 's/^/    /' "$T/out"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
