# Shared set-up of the CLI test scripts: $1 is the vnner binary; runs in a scratch folder removed on exit.
# Sourced, not run.
set -u
V=$(readlink -f "$1")
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0 fail=0 skipped=0
check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name"; fi
}
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }
has() { grep -q -- "$2" "$1"; }
hasnt() { ! grep -q -- "$2" "$1"; }
cd "$T" || exit 1
export NO_COLOR=1
