#!/bin/sh
# make dist's tarball (scripts/dist.sh): unpacked anywhere, its bangfu runs
# init, status and calc from another directory, finding the region data and
# the policies next to itself; install.sh names every runtime library package.
. "$(dirname "$0")/lib.sh"
if [ "$ENGINE" != sqlite ]; then
    echo "the tarball does not depend on the engine: run on sqlite only"
    exit 0
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$WORK"
"$root/scripts/dist.sh" "$BANGFU" "$WORK/bangfu-t.tar.gz" >/dev/null
mkdir unpacked elsewhere
tar -xzf bangfu-t.tar.gz -C unpacked
dir="$WORK/unpacked/bangfu-t"
[ -x "$dir/bin/bangfu" ] && [ -x "$dir/install.sh" ] || fail "tarball layout: $(ls "$dir")"
cd elsewhere
out=$(LANG=C BANGFU_REGIONS= BANGFU_POLICIES= "$dir/bin/bangfu" --db "$WORK/county.db" init)
expect_contains "$out" "665271 regions" "init from the tarball"
out=$(LANG=C "$dir/bin/bangfu" --db "$WORK/county.db" status)
expect_contains "$out" "regions: 665271" "status from the tarball"
"$dir/bin/bangfu" policy list >policies.txt || fail "policy list from the tarball"
[ -s policies.txt ] || fail "no policies found next to the binary"
# the libraries bangfu opens when needed (src/core/shared_library.h), which ldd does not show
for package in libpq5 libmicrohttpd12; do
    grep -q "[\" ]$package " "$dir/install.sh" || fail "install.sh lacks $package"
done
# every shared library of the binary belongs to a package install.sh installs
"$dir/install.sh" --check >/dev/null || fail "install.sh --check: $("$dir/install.sh" --check)"
# (one dpkg -S for all the libraries: each call reads dpkg's whole file list)
libs=$(ldd "$dir/bin/bangfu" | awk '/=> \// {print $3}')
owners=$(for lib in $libs; do readlink -f "$lib"; echo "$lib"; done | sort -u |
    xargs dpkg -S 2>/dev/null) || true
for lib in $libs; do
    package=$(echo "$owners" | awk -v real="$(readlink -f "$lib")" -v named="$lib" \
        '$NF == real || $NF == named { print $1; exit }')
    [ -n "$package" ] || fail "no package owns $lib"
    package=${package%%:*}
    [ "$package" = libc6 ] && continue
    grep -q "[\" ]$package " "$dir/install.sh" || fail "install.sh lacks $package ($lib)"
done
echo ok
