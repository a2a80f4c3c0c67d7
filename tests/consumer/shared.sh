#!/usr/bin/env bash
# A shared build of vnner (library and CLI only) in a new temporary folder,
# checked by run.sh as an installed package: the default build is static, so
# without this nothing would test the shared library.
# usage: shared.sh SOURCE_DIR VERSION CMAKE CC BUILD_TYPE SANITIZE [CFLAGS]
set -u
src=$1 version=$2 cmake=$3 cc=$4 build_type=$5 sanitize=$6 cflags=${7:-}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! "$cmake" -S "$src" -B "$T/build" -DBUILD_SHARED_LIBS=ON -DVNNER_TESTS=OFF \
        -DCMAKE_BUILD_TYPE="$build_type" -DVNNER_SANITIZE="$sanitize" -DCMAKE_C_COMPILER="$cc" \
        -DCMAKE_INSTALL_LIBDIR=lib > "$T/configure.log" 2>&1 ||
   ! "$cmake" --build "$T/build" -j 2 > "$T/build.log" 2>&1; then
    echo "FAIL: the shared build"
    cat "$T/configure.log" "$T/build.log" 2>/dev/null | tail -n 40
    exit 1
fi
if [ ! -e "$T/build/libvnner.so" ]; then
    echo "FAIL: -DBUILD_SHARED_LIBS=ON made no libvnner.so"
    exit 1
fi
bash "$(dirname "$0")/run.sh" "$T/build" "$src" "$version" lib "$cmake" "$cc" "$cflags"
