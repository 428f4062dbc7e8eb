#!/usr/bin/env bash
# Build the Linux packages inside a Debian 11 (bullseye, glibc 2.31) root, for systems older than the
# build machine (Debian 11, Ubuntu 20.04/22.04, Kylin/UOS releases with glibc 2.31): the bundle then needs
# GLIBC_2.30 at most.
# Run as root on a Debian/Ubuntu machine with network access to Debian's mirror and PyPI:
#
#     sudo packaging/build-bullseye.sh [ROOT_DIR]        (default: build/bullseye-root)
#
# Steps (each skipped when already done): debootstrap the root with a compiler and the X/xcb libraries Qt
# needs; CPython 3.11 built from Debian's source of python3.11 (bullseye ships 3.9); a venv with the
# application and PySide6 6.9.x (manylinux_2_28 wheels: the newest that run on glibc < 2.34);
# `packaging/build_linux.py --selftest` on a copy of this tree (its last commit). The packages land in
# dist/bullseye/.
# Kylin V10 (glibc 2.28) needs an older root still (Debian 10 could not be fetched here).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
root=${1:-build/bullseye-root}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
qt=${QT_VERSION:-6.9.3}

if [ ! -x "$root/usr/bin/gcc" ]; then
    echo "== debootstrap bullseye → $root"
    mkdir -p "$root"
    debootstrap --variant=minbase --include=build-essential,libssl-dev,libffi-dev,zlib1g-dev,libsqlite3-dev,\
libbz2-dev,liblzma-dev,uuid-dev,libexpat1-dev,binutils,ca-certificates,dpkg-dev,libfontconfig1,libfreetype6,\
libxkbcommon0,libxkbcommon-x11-0,libxcb1,libx11-xcb1,libxcb-icccm4,libxcb-keysyms1,libxcb-image0,\
libxcb-render-util0,libxcb-randr0,libxcb-shape0,libxcb-xinerama0,libxcb-xkb1,libxcb-sync1,libxcb-xfixes0,\
libxcb-shm0,libxcb-util1,libgl1,libegl1,libdbus-1-3,libglib2.0-0,libcups2,xz-utils bullseye "$root" "$mirror"
fi

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
# the host's CA bundle (a proxy's certificate, if any) and pip settings
mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

if [ ! -x "$root/opt/py311/bin/python3.11" ]; then
    echo "== CPython 3.11 from Debian's source package"
    src=$(mktemp -d)
    echo "deb-src $mirror bookworm main" > "$src/sources.list"
    mkdir -p "$src/lists/partial"
    apt_src=(-o Dir::Etc::sourcelist="$src/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$src/lists")
    apt-get -qq "${apt_src[@]}" update
    (cd "$src" && apt-get -qq "${apt_src[@]}" source --download-only python3.11)
    mkdir -p "$root/build"
    tar -xzf "$src"/python3.11_*.orig.tar.gz -C "$root/build"
    rm -rf "$src"
    chroot "$root" /bin/bash -c 'set -e; cd /build/Python-3.11.*/ &&
        ./configure --prefix=/opt/py311 --enable-shared LDFLAGS=-Wl,-rpath,/opt/py311/lib >/build/configure.log &&
        make -j"$(nproc)" >/build/make.log 2>&1 && make install >/build/install.log 2>&1'
fi

echo "== the tree, the venv (PySide6 $qt), the build"
rm -rf "$root/src" && mkdir -p "$root/src"
git archive HEAD | tar -x -C "$root/src"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    /bin/bash -c "set -e; cd /src
    [ -x /opt/venv/bin/python ] || /opt/py311/bin/python3.11 -m venv /opt/venv
    /opt/venv/bin/pip install -q --disable-pip-version-check 'PySide6-Essentials==$qt' 'PySide6-Addons==$qt' \
        'shiboken6==$qt' -e '.[package]'
    QT_QPA_PLATFORM=offscreen /opt/venv/bin/python packaging/build_linux.py --selftest"
mkdir -p dist/bullseye
cp "$root"/src/dist/* dist/bullseye/
ls -l dist/bullseye/
