#!/usr/bin/env bash
# CI for the Linux packages (called by .ci/run after the suite; about 5 minutes on 2 cores):
#  1. python3 bootstrap.py package --selftest: the bundle, its self-test, the .deb and the .tar.gz;
#  2. the .deb unpacked into a scratch root (dpkg -x: the files land as `dpkg -i` lays them out): the
#     installed program's --version and self-test, the launcher file, and its window offscreen on demo data;
#  3. the upgrade tests against the installed program (a previous release's database; a newer one refused);
#  4. the portable tarball: unpacked, it keeps its data beside itself.
# `packaging/ci-linux.sh DEB TAR_GZ` runs steps 2-4 on packages built elsewhere (e.g. in a Debian 11 root by
# packaging/build-in-debian-root.sh), without building.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "== $* ($(( $(date +%s) - start )) s)"; }

if ! command -v objdump >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null   # objdump: the glibc check
fi

version=$(.venv/bin/python -c "from desktop.version import version; print(version())")
if [ $# -ge 2 ]; then
    deb=$(realpath "$1")
    tgz=$(realpath "$2")
else
    step "build: python3 bootstrap.py package --selftest"
    rm -f dist/liaison-desk_*.deb dist/liaison-desk-*-linux-*.tar.gz
    python3 bootstrap.py package --selftest
    deb=$(ls dist/liaison-desk_"$version"_*.deb)
    tgz=$(ls dist/liaison-desk-"$version"-linux-*.tar.gz)
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

step "install $deb into a scratch root"
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
dpkg -x "$deb" "$scratch/root"
exe="$scratch/root/opt/liaison-desk/liaison-desk"
test "$(readlink "$scratch/root/usr/bin/liaison-desk")" = /opt/liaison-desk/liaison-desk
grep -q '^Name=委员联络组工作台$' "$scratch/root/usr/share/applications/liaison-desk.desktop"
test -s "$scratch/root/usr/share/icons/hicolor/256x256/apps/liaison-desk.png"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$scratch/root/usr/share/applications/liaison-desk.desktop"
fi
test "$("$exe" --version)" = "liaison-desk $version"

step "the installed program's self-test"
"$exe" selftest --offscreen

step "the installed program's window, offscreen, on demo data"
export LIAISON_DESK_HOME="$scratch/home"
"$exe" demo --size township --db "$scratch/home/liaison-desk.sqlite3" >/dev/null
LIAISON_DESK_EXIT_AFTER_PAINT=1 QT_QPA_PLATFORM=offscreen timeout 120 "$exe" | tee "$scratch/paint.txt"
grep -q '^first-paint ' "$scratch/paint.txt"
unset LIAISON_DESK_HOME

step "upgrade tests against the installed program"
LIAISON_DESK_PROGRAM="$exe" QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:randomly \
    tests/packaging/test_upgrade.py

step "the portable tarball keeps its data beside itself"
mkdir "$scratch/stick"
tar -xzf "$tgz" -C "$scratch/stick"
portable=$(ls -d "$scratch"/stick/liaison-desk-*)
test -f "$portable/portable.txt"
env -u LIAISON_DESK_HOME "$portable/liaison-desk" init >/dev/null
test -s "$portable/data/liaison-desk.sqlite3"

step "done: packages"
ls -l "$deb" "$tgz"
