#!/usr/bin/env bash
# Build the Linux packages inside an older Debian root, for systems older than the build machine (Kylin,
# UOS, Debian 11, Ubuntu 20.04/22.04). Run as root on a Debian/Ubuntu machine with network access to a
# Debian mirror and PyPI:
#
#     sudo packaging/build-in-debian-root.sh [--release bullseye|buster] [--glibc 2.28] [ROOT_DIR]
#
#   --release bullseye (default; Debian 11, glibc 2.31): the bundle needs GLIBC_2.30;
#   --release buster   (Debian 10, glibc 2.28; only on archive.debian.org since 2024: set DEBIAN_MIRROR if
#                       it is elsewhere) — not tried to the end: that mirror could not be reached here;
#   --glibc 2.28       on bullseye: everything built in the root is held to glibc 2.28 (Kylin V10, UOS 20).
#       In a Debian 11 root only five functions of glibc 2.29/2.30 reach the bundle: exp, log, pow, exp2,
#       log2 (2.29 gave them new symbol versions with the same arguments and results; the 2.2.5 ones are
#       still in every glibc), sem_clockwait (CPython uses sem_timedwait without it) and gettid (in
#       libsystemd, pulled in by libdbus). So: a compiler header that binds those math functions to their
#       GLIBC_2.2.5 versions in every file compiled here; CPython built with it and without sem_clockwait;
#       libsqlite3 and libpng16 rebuilt from Debian 11's sources with it (same soname, in /usr/local/lib,
#       where the bundle takes them from); libdbus-1 rebuilt from Debian 11's sources without systemd. The
#       build fails if any binary of the bundle still needs a newer glibc.
#
# Steps (each skipped when already done): debootstrap the root with a compiler and the X/xcb libraries Qt
# needs; CPython 3.11 built from Debian's source of python3.11 (bullseye ships 3.9); a venv with the
# application and PySide6 6.9.x (manylinux_2_28 wheels: the newest that run on glibc < 2.34);
# `packaging/build_linux.py --selftest` on a copy of this tree (its last commit), the bundle's self-test
# inside the root. The packages land in dist/<release>[-glibc<version>]/.
# Building CPython takes a few minutes on 2 cores; run it with `nice -n 10` on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
release=bullseye
glibc=
while [ $# -gt 0 ]; do
    case "$1" in
        --release) release=$2; shift 2 ;;
        --glibc) glibc=$2; shift 2 ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
        *) break ;;
    esac
done
case "$release" in
    bullseye) default_mirror=http://deb.debian.org/debian ;;
    buster) default_mirror=http://archive.debian.org/debian ;;
    *) echo "--release: bullseye or buster" >&2; exit 2 ;;
esac
if [ -n "$glibc" ] && [ "$glibc" != 2.28 ]; then
    echo "--glibc: only 2.28 is supported (the math functions pinned here are those of 2.29/2.30)" >&2; exit 2
fi
if [ -n "$glibc" ] && [ "$release" != bullseye ]; then
    echo "--glibc 2.28 is for a bullseye root (a buster root has glibc 2.28 already)" >&2; exit 2
fi
tag=$release${glibc:+-glibc$glibc}
root=${1:-build/$tag-root}
mirror=${DEBIAN_MIRROR:-$default_mirror}
qt=${QT_VERSION:-6.9.3}
# Debian 10's Release files have expired: apt must not refuse them for that
apt_old=(-o Acquire::Check-Valid-Until=false)

if [ ! -x "$root/usr/bin/gcc" ]; then
    echo "== debootstrap $release → $root"
    mkdir -p "$root"
    keyring=()
    [ -n "${DEBOOTSTRAP_KEYRING:-}" ] && keyring=(--keyring="$DEBOOTSTRAP_KEYRING")
    debootstrap "${keyring[@]}" --variant=minbase --include=build-essential,libssl-dev,libffi-dev,zlib1g-dev,\
libsqlite3-dev,libbz2-dev,liblzma-dev,uuid-dev,libexpat1-dev,binutils,ca-certificates,dpkg-dev,libfontconfig1,\
libfreetype6,libxkbcommon0,libxkbcommon-x11-0,libxcb1,libx11-xcb1,libxcb-icccm4,libxcb-keysyms1,libxcb-image0,\
libxcb-render-util0,libxcb-randr0,libxcb-cursor0,libxcb-shape0,libxcb-xinerama0,libxcb-xkb1,libxcb-sync1,libxcb-xfixes0,\
libxcb-shm0,libxcb-util1,libgl1,libegl1,libdbus-1-3,libglib2.0-0,libcups2,xz-utils "$release" "$root" "$mirror"
fi

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
cp /etc/resolv.conf "$root/etc/resolv.conf"
# the host's CA bundle (a proxy's certificate, if any) and pip settings
mkdir -p "$root/etc/ssl/certs"
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99no-valid-until"
# debian_source PACKAGE SUITE DEST: the upstream tarball of a Debian source package, unpacked into DEST (fetched
# on this machine with a private apt list: the root's release may no longer carry it)
debian_source() {
    local src
    src=$(mktemp -d)
    echo "deb-src $default_mirror_now $2 main" > "$src/sources.list"
    mkdir -p "$src/lists/partial"
    local apt_src=(-o Dir::Etc::sourcelist="$src/sources.list" -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$src/lists")
    apt-get -qq "${apt_src[@]}" update
    (cd "$src" && apt-get -qq "${apt_src[@]}" source --download-only "$1" 2>&1 | grep -v unsandboxed || true)
    mkdir -p "$3"
    tar -xf "$src/$(cd "$src" && ls "$1"_*.orig.tar.* | grep -v '\.asc$' | head -1)" -C "$3"
    rm -rf "$src"
}
default_mirror_now=http://deb.debian.org/debian
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/bash -c "set -euo pipefail; $1"; }

cflags=
if [ -n "$glibc" ]; then
    cflags="-include /opt/glibc$glibc/pin.h"
    if [ ! -f "$root/opt/glibc$glibc/done" ]; then
        echo "== held to glibc $glibc: the pinning header; libsqlite3, libpng16, libdbus-1 rebuilt"
        mkdir -p "$root/opt/glibc$glibc"
        cat > "$root/opt/glibc$glibc/pin.h" <<'EOF'
/* Bind the libm functions that glibc 2.29 re-versioned to their GLIBC_2.2.5 versions (the same functions
   for every argument a program passes; still exported by every glibc), so that what is compiled here runs
   on glibc 2.28. Included into every C file with -include. */
#if defined(__x86_64__) && !defined(__cplusplus) && !defined(__ASSEMBLER__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
#endif
EOF
        grep -q "^deb-src " "$root/etc/apt/sources.list" || echo "deb-src $mirror $release main" >> "$root/etc/apt/sources.list"
        in_root "apt-get ${apt_old[*]} -qq update && apt-get install -y -qq tcl pkg-config file >/dev/null"
        # Debian 11's dbus source is gone from the mirror (a point release replaced it): Debian 12's (1.14, the
        # same libdbus-1.so.3 ABI) builds there as well
        rm -rf "$root"/build/glibc/dbus-*/
        debian_source dbus bookworm "$root/build/glibc"
        # shellcheck disable=SC2016  # expanded inside the root
        in_root 'mkdir -p /build/glibc && cd /build/glibc
            export CFLAGS="-O2 -g0 '"$cflags"'"
            echo "-- libsqlite3 (the options of Debian 11s package)"
            rm -rf sqlite3-* && apt-get -qq source sqlite3 >/dev/null 2>&1
            cd sqlite3-*/
            opts=$(sed -n "/^export CFLAGS += /,/^\$/p" debian/rules | grep -o -- "-DSQLITE_[A-Z0-9_]*\(=[0-9]*\)\?" | tr "\n" " ")
            ./configure --enable-fts5 --enable-json1 --disable-tcl >/build/glibc/sqlite-configure.log
            make sqlite3.c >/build/glibc/sqlite-make.log 2>&1
            gcc $CFLAGS -fPIC -shared $opts -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_JSON1 \
                -Wl,-soname,libsqlite3.so.0 -o /usr/local/lib/libsqlite3.so.0 sqlite3.c \
                -lm -ldl -lpthread
            cd /build/glibc
            echo "-- libpng16"
            rm -rf libpng1.6-* && apt-get -qq source libpng1.6 >/dev/null 2>&1
            cd libpng1.6-*/ && ./configure --prefix=/usr/local --disable-static >/build/glibc/png-configure.log
            make -j2 >/build/glibc/png-make.log 2>&1 && make install >/build/glibc/png-install.log 2>&1
            cd /build/glibc
            echo "-- libdbus-1 without systemd"
            cd dbus-*/ && ./configure --prefix=/usr --sysconfdir=/etc --localstatedir=/var \
                --with-system-socket=/run/dbus/system_bus_socket --disable-systemd --disable-libaudit --disable-selinux \
                --disable-apparmor --without-x --disable-tests --disable-xml-docs --disable-doxygen-docs \
                --disable-ducktype-docs --disable-static >/build/glibc/dbus-configure.log
            make -j2 -C dbus libdbus-1.la >/build/glibc/dbus-make.log 2>&1
            cp -a dbus/.libs/libdbus-1.so.3* /usr/local/lib/
            ldconfig
            for f in /usr/local/lib/libsqlite3.so.0 /usr/local/lib/libpng16.so.16 /usr/local/lib/libdbus-1.so.3; do
                echo "   $f: $(objdump -T $(readlink -f $f) | grep -o "GLIBC_[0-9.]*" | sort -uV | tail -1)"
            done'
        touch "$root/opt/glibc$glibc/done"
    fi
fi

if [ ! -x "$root/opt/py311/bin/python3.11" ]; then
    echo "== CPython 3.11 from Debian's source package"
    rm -rf "$root"/build/Python-3.11.*/
    debian_source python3.11 bookworm "$root/build"
    pin=()
    [ -n "$glibc" ] && pin=("CFLAGS=$cflags" ac_cv_func_sem_clockwait=no)
    in_root "cd /build/Python-3.11.*/ &&
        ./configure --prefix=/opt/py311 --enable-shared LDFLAGS=-Wl,-rpath,/opt/py311/lib ${pin[*]:+${pin[*]@Q}} \
            >/build/configure.log &&
        make -j\$(nproc) >/build/make.log 2>&1 && make install >/build/install.log 2>&1"
fi

echo "== the tree, the venv (PySide6 $qt), the build"
rm -rf "$root/src" && mkdir -p "$root/src"
git archive HEAD | tar -x -C "$root/src"
# Qt >= 6.5's xcb platform needs libxcb-cursor (a root made before it was in the list above lacks it)
in_root "dpkg -s libxcb-cursor0 >/dev/null 2>&1 || { apt-get -qq ${apt_old[*]} update && apt-get install -y -qq libxcb-cursor0 >/dev/null; }"
check=()
[ -n "$glibc" ] && check=(--max-glibc "$glibc")
in_root "cd /src
    export PIP_CERT=/etc/ssl/certs/ca-certificates.crt LD_LIBRARY_PATH=/usr/local/lib
    [ -x /opt/venv/bin/python ] || /opt/py311/bin/python3.11 -m venv /opt/venv
    /opt/venv/bin/pip install -q --disable-pip-version-check 'PySide6-Essentials==$qt' 'PySide6-Addons==$qt' \
        'shiboken6==$qt' -e '.[package]'
    QT_QPA_PLATFORM=offscreen /opt/venv/bin/python packaging/build_linux.py --selftest ${check[*]}"
mkdir -p "dist/$tag"
cp "$root"/src/dist/* "dist/$tag/"
ls -l "dist/$tag/"
