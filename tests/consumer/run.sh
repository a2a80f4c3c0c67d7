#!/usr/bin/env bash
# Installs a vnner build into a new temporary prefix and uses it as an outside
# project would: consumer.c built with pkg-config and with find_package(vnner),
# both run against the installed data; the installed CLI run after the prefix
# is moved (its data and, when shared, its libvnner found from where it is);
# a shared libvnner exporting exactly the VNNER_EXPORT functions of vnner.h.
# usage: run.sh BUILD_DIR SOURCE_DIR VERSION LIBDIR CMAKE CC [CFLAGS]
set -u
build=$1 src=$2 version=$3 libdir=$4 cmake=$5 cc=$6 cflags=${7:-}
here=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
# run NAME LOG COMMAND...: the command's output goes to LOG, shown when it fails
run() {
    local name=$1 log=$2; shift 2
    "$@" > "$log" 2>&1
    local rc=$?
    check "$name" test $rc -eq 0
    [ $rc -eq 0 ] || sed 's/^/    /' "$log"
    return $rc
}
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }

data_version=$(head -n 1 "$src/gazetteer/VERSION")
prefix=$T/prefix
run "cmake --install into $prefix" "$T/install.log" "$cmake" --install "$build" --prefix "$prefix" || finish
for f in include/vnner.h include/vnner_version.h "$libdir/pkgconfig/vnner.pc" \
         "$libdir/cmake/vnner/vnnerConfig.cmake" "$libdir/cmake/vnner/vnnerConfigVersion.cmake" \
         bin/vnner share/vnner/gazetteer/VERSION share/vnner/models share/man/man1/vnner.1; do
    check "installed: $f" test -e "$prefix/$f"
done
check "man page has the version" grep -q "\"vnner $version\"" "$prefix/share/man/man1/vnner.1"
shared=0
[ -e "$prefix/$libdir/libvnner.so" ] && shared=1
check "a static or a shared libvnner" test -e "$prefix/$libdir/libvnner.a" -o $shared -eq 1

# ---- pkg-config -------------------------------------------------------------
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
check "pkg-config version" test "$(pkg-config --modversion vnner)" = "$version"
pcdata=$(pkg-config --variable=vnnerdatadir vnner)
check "pkg-config vnnerdatadir is the installed data" \
    test "$(cd "$pcdata" 2>/dev/null && pwd -P)" = "$(cd "$prefix/share/vnner" && pwd -P)"
# strict C11 and -Werror: the installed headers must compile cleanly in a user's program
# shellcheck disable=SC2046,SC2086
run "cc with pkg-config --static" "$T/pc.log" \
    "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror $cflags "$here/consumer.c" -o "$T/consumer-pc" \
    $(pkg-config --cflags --libs --static vnner)
# shellcheck disable=SC2046
[ -x "$T/consumer-pc" ] && run "pkg-config consumer runs" "$T/pc-run.log" \
    env VNNER_DATADIR="$prefix/share/vnner" LD_LIBRARY_PATH="$prefix/$libdir" \
    "$T/consumer-pc" "$version" "$data_version"

# ---- CMake package ----------------------------------------------------------
run "find_package(vnner $version EXACT)" "$T/cmake.log" \
    "$cmake" -S "$here" -B "$T/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="$cflags" -DVNNER_EXPECTED_VERSION="$version" &&
run "build with vnner::vnner" "$T/cmake-build.log" "$cmake" --build "$T/cmake-build" &&
run "CMake consumer runs" "$T/cmake-run.log" \
    env VNNER_DATADIR="$prefix/share/vnner" LD_LIBRARY_PATH="$prefix/$libdir" \
    "$T/cmake-build/consumer" "$version" "$data_version"
"$cmake" -S "$here" -B "$T/cmake-wrong" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DVNNER_EXPECTED_VERSION=99.0 > "$T/cmake-wrong.log" 2>&1
check "find_package(vnner 99.0 EXACT) fails" test $? -ne 0

# ---- the installed CLI, from another prefix ---------------------------------
# Moved, so that nothing it finds can be where it was installed; a gazetteer
# file only the moved copy has shows it read the data next to itself (the
# source tree it was built from would give the same entities otherwise).
moved=$T/elsewhere
mv "$prefix" "$moved"
printf 'surface\tcanonical\tclass\tvalid_from\tvalid_to\tnote\nBản Pá Cò Thượng\t\tPLACE\t\t\tconsumer test\n' \
    > "$moved/share/vnner/gazetteer/zz-consumer.tsv"
printf 'Đoàn công tác đến Bản Pá Cò Thượng.\n' > "$T/place.txt"
out=$(env -u VNNER_DATADIR -u LD_LIBRARY_PATH "$moved/bin/vnner" --version 2>&1)
check "installed vnner --version prints 'vnner $version' (got '$out')" test "$out" = "vnner $version"
env -u VNNER_DATADIR -u LD_LIBRARY_PATH "$moved/bin/vnner" annotate "$T/place.txt" > "$T/cli.out" 2> "$T/cli.err"
check "installed vnner annotates" test $? -eq 0
check "installed vnner reads the data next to it" grep -q '"entry":"zz-consumer.tsv:2"' "$T/cli.out"

if [ $shared -eq 1 ]; then
    linked=$(env -u LD_LIBRARY_PATH ldd "$moved/bin/vnner" | sed -n 's/.*libvnner\.so.* => \(.*\) (0x.*/\1/p')
    check "installed vnner links the moved libvnner through its RPATH (got '$linked')" \
        test "$(dirname "$(realpath -q "$linked")")" = "$(realpath "$moved/$libdir")"
    # the exported symbols are exactly the functions vnner.h declares with VNNER_EXPORT
    sed -n 's/^VNNER_EXPORT [^(]*[ *]\(vnner_[a-z_]*\)(.*/\1/p' "$moved/include/vnner.h" | sort > "$T/declared"
    nm -D --defined-only "$moved/$libdir/libvnner.so" | awk '{print $3}' | sort > "$T/exported"
    check "vnner.h declares functions" test -s "$T/declared"
    diff "$T/declared" "$T/exported" > "$T/symbols.diff"
    check "libvnner.so exports exactly the VNNER_EXPORT functions" test $? -eq 0
    sed 's/^/    /' "$T/symbols.diff"
    echo "shared libvnner: $(wc -l < "$T/exported") symbols exported, all vnner_*"
else
    echo "static libvnner: the export check is the consumer_shared test's"
fi
finish
