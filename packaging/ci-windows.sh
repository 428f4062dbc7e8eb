#!/usr/bin/env bash
# CI: build the Windows installer and portable zip on Linux, then test them under Wine in a fresh prefix:
# silent install of the previous build, data made with it, the new build installed over it (the data is
# backed up, migrated and passes check), the installed self-test, the command line piped under a cp936
# (Chinese Windows) code page, the window offscreen with a screenshot of its home page, and an uninstall
# that keeps the data folder. Prints "windows: N passed, M failed" last; exit 1 on any failure.
#
#   bash packaging/ci-windows.sh          (called by .ci/run after the suite; needs .venv)
#
# Tools from Debian, installed when missing (root with apt-get): wine, wine64, nsis, gcc-mingw-w64-x86-64.
# Downloads (PyPI only) are cached in .win-cache/.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T0=$SECONDS
OUT=$ROOT/build/wine-ci
PY=$ROOT/.venv/bin/python
# The previous build: the last commit before the Windows installer existed (schema 5; HEAD migrates it).
# Replace with the previous release's tag once releases are tagged.
PREV_REF=7e0f16a
PREV_VERSION=0.0.9
VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -1)

passed=0
failed=0
ok() { echo "[ok]   $*"; passed=$((passed + 1)); }
bad() { echo "[FAIL] $*"; failed=$((failed + 1)); }
step() { echo; echo "== $* ($((SECONDS - T0)) s)"; }
finish() {
    echo
    echo "windows build and Wine tests: $((SECONDS - T0)) s"
    echo "windows: $passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
}

need=()
command -v wine >/dev/null || need+=(wine wine64)
command -v makensis >/dev/null || need+=(nsis)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
[ -f /usr/share/i18n/locales/zh_CN ] && command -v localedef >/dev/null || need+=(locales)
if [ ${#need[@]} -gt 0 ]; then
    step "installing ${need[*]}"
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${need[@]}" >/dev/null) || { bad "could not install ${need[*]}"; finish; }
    else
        bad "missing ${need[*]} (apt-get install them as root)"; finish
    fi
fi

rm -rf "$OUT"
mkdir -p "$OUT"

step "build $VERSION (installer with LZMA, as released) and the previous build $PREV_VERSION ($PREV_REF)"
"$PY" packaging/windows/build.py --fetch-only || { bad "download of the pinned Python and wheels"; finish; }
# the previous build (uncompressed) is made beside the release build's single-core LZMA
HAVE_PREV=0
if git cat-file -e "$PREV_REF^{commit}" 2>/dev/null; then
    "$PY" packaging/windows/build.py --version "$PREV_VERSION" --ref "$PREV_REF" --compressor none --no-zip \
        --build "$OUT/build-prev" --dist "$OUT/prev" >"$OUT/build-prev.log" 2>&1 &
    prev_pid=$!
else
    echo "$PREV_REF is not in this clone"
    prev_pid=
fi
s=$SECONDS
if "$PY" packaging/windows/build.py --dist "$OUT/dist"; then
    ok "built $(cd "$OUT/dist" && echo *) ($((SECONDS - s)) s)"
else
    bad "build failed"; finish
fi
if [ -n "$prev_pid" ] && wait "$prev_pid"; then
    ok "previous build $PREV_VERSION from $PREV_REF"
    HAVE_PREV=1
else
    bad "previous build from $PREV_REF (see $OUT/build-prev.log)"
fi
NEW_SETUP=$OUT/dist/LiaisonDesk-$VERSION-setup.exe
PREV_SETUP=$OUT/prev/LiaisonDesk-$PREV_VERSION-setup.exe

step "a fresh Wine prefix"
# outside the work tree: a prefix holds a link to / (drive Z:), which a tool walking the tree would follow
export WINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/liaison-desk-wine.XXXXXX") WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
trap 'wineserver -k 2>/dev/null; rm -rf "$WINEPREFIX"' EXIT
wineboot -i >/dev/null 2>&1
wineserver -w
# Wine 8 lacks bcryptprimitives.dll!ProcessPrng (every Windows 10/11 has it): a test-only stand-in
x86_64-w64-mingw32-gcc -O2 -s -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/windows/wine/bcryptprimitives.c -ladvapi32
WUSER=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)
HOMEW=$WINEPREFIX/drive_c/users/$WUSER
INST=$HOMEW/AppData/Local/Programs/LiaisonDesk
DATA=$HOMEW/AppData/Local/LiaisonDesk
# Wine cannot start Python with stdout on a regular file: every output goes through a pipe (| cat)
# (through env: the shell itself must not try to switch to a locale only Wine's processes find)
WINE_ENV=()
cli() { env "${WINE_ENV[@]}" wine "$INST/liaison-desk-cli.exe" "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }

if [ "$HAVE_PREV" = 1 ]; then
    step "install the previous build $PREV_VERSION, make data with it"
    s=$SECONDS
    wine "$PREV_SETUP" /S 2>&1 | cat; wineserver -w
    [ -x "$INST/liaison-desk-cli.exe" ] && ok "previous build installed ($((SECONDS - s)) s)" || bad "previous build not installed"
    # (-X utf8: that build's command line still crashed on printing to a cp1252 pipe, a bug fixed since)
    cli -X utf8 -m desktop.cli demo --size township --seed 1 >"$OUT/prev-demo.log" &&
        cli -X utf8 -m desktop.cli check >"$OUT/prev-check.log" &&
        [ -f "$DATA/liaison-desk.sqlite3" ] && ok "data made by $PREV_VERSION in the user's data folder" ||
        bad "data made by $PREV_VERSION (see $OUT/prev-*.log)"
    cp "$DATA/liaison-desk.sqlite3" "$OUT/prev-data.sqlite3" 2>/dev/null
fi

step "install $VERSION (silent, over the previous one)"
s=$SECONDS
wine "$NEW_SETUP" /S 2>&1 | cat; wineserver -w
INSTALL_SECONDS=$((SECONDS - s))
v=$(cli --version | tr -d '\r')
[ "$v" = "liaison-desk $VERSION" ] && ok "installed: $v ($INSTALL_SECONDS s)" || bad "installed version: $v"
for lnk in "$HOMEW/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/委员联络组工作台.lnk" \
           "$HOMEW/Desktop/委员联络组工作台.lnk"; do
    [ -f "$lnk" ] || { bad "missing shortcut $lnk"; continue; }
    ok "shortcut ${lnk#"$HOMEW"/}"
done
[ -f "$INST/liaison-desk.exe" ] && [ -f "$INST/uninstall.exe" ] && ok "liaison-desk.exe and uninstall.exe in place" ||
    bad "program files"

if [ "$HAVE_PREV" = 1 ]; then
    step "the previous build's data in the new build"
    if cli check >"$OUT/upgrade-check.log"; then
        ok "check passes on the data made by $PREV_VERSION"
    else
        bad "check on upgraded data:"; tail -5 "$OUT/upgrade-check.log"
    fi
    n=$(find "$DATA/backups" -type f 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] && ok "a backup was made before the upgrade ($n file(s) in backups/)" ||
        bad "no backup before the upgrade"
fi

step "selftest --offscreen, piped, under the Chinese Windows code page (cp936)"
# A zh_CN.UTF-8 locale gives Wine the ANSI code page 936 of a Chinese Windows (compiled here into a folder
# of our own, LOCPATH; a locale the system lacks makes Wine fall back to ASCII file names). Redirected
# output is where cp936 used to crash on 王𠇔; every CLI step of the self-test writes through a pipe too.
mkdir -p "$OUT/locale" && localedef -i zh_CN -f UTF-8 "$OUT/locale/zh_CN.UTF-8" 2>/dev/null
WINE_ENV=(LOCPATH="$OUT/locale" LC_ALL=zh_CN.UTF-8)
acp=$(env "${WINE_ENV[@]}" wine "$INST/liaison-desk-cli.exe" -c "import locale; print(locale.getpreferredencoding())" 2>&1 | tr -d '\r')
cli selftest --offscreen >"$OUT/selftest.log"; rc=$?
cat "$OUT/selftest.log"
if [ $rc = 0 ] && grep -q "王𠇔 李䶮" "$OUT/selftest.log" && grep -q "^selftest: passed" "$OUT/selftest.log"; then
    ok "liaison-desk-cli.exe selftest passes, piped under $acp, and prints 王𠇔 李䶮"
else
    bad "liaison-desk-cli.exe selftest under $acp (exit $rc)"
fi
env "${WINE_ENV[@]}" wine "$INST/liaison-desk.exe" check 2>&1 | cat >"$OUT/gui-exe-check.log"; rc=${PIPESTATUS[0]}
[ $rc = 0 ] && ok "liaison-desk.exe (the window's exe) runs check, piped under $acp" ||
    { bad "liaison-desk.exe check (exit $rc)"; tail -5 "$OUT/gui-exe-check.log"; }
WINE_ENV=()

step "the window offscreen, the home page's screenshot"
cp packaging/windows/wine_window.py "$OUT/"
wine "$INST/liaison-desk.exe" -I "$(winepath -w "$OUT/wine_window.py")" app \
    "$(winepath -w "$DATA/liaison-desk.sqlite3")" "$(winepath -w "$OUT/home.png")" 2>&1 | cat >"$OUT/window.log"
cat "$OUT/window.log"
if grep -q "^screenshot saved" "$OUT/window.log" && [ "$(stat -c %s "$OUT/home.png" 2>/dev/null || echo 0)" -gt 20000 ]; then
    ok "window painted with data; screenshot $OUT/home.png"
else
    bad "window did not paint (see $OUT/window.log)"
fi

step "the portable zip: the data beside the program"
PORT=$WINEPREFIX/drive_c/stick
rm -rf "$PORT" && mkdir -p "$PORT"
"$PY" -m zipfile -e "$OUT/dist/LiaisonDesk-$VERSION-portable.zip" "$PORT"
before=$(stat -c %Y "$DATA/liaison-desk.sqlite3")
wine "$PORT/LiaisonDesk/liaison-desk-cli.exe" demo --size township --seed 2 2>&1 | cat >"$OUT/portable.log"
if [ -f "$PORT/LiaisonDesk/data/liaison-desk.sqlite3" ] && [ "$(stat -c %Y "$DATA/liaison-desk.sqlite3")" = "$before" ]; then
    ok "portable zip: demo data made in data\\ beside the program, the installed data untouched"
else
    bad "portable zip (see $OUT/portable.log)"
fi

step "uninstall (silent): the data folder stays"
wine "$INST/uninstall.exe" /S 2>&1 | cat; wineserver -w
[ ! -e "$INST/liaison-desk.exe" ] && [ ! -e "$INST/lib" ] && ok "program files removed" || bad "program files left"
[ ! -e "$HOMEW/Desktop/委员联络组工作台.lnk" ] && ok "shortcuts removed" || bad "desktop shortcut left"
[ -f "$DATA/liaison-desk.sqlite3" ] && ok "data folder kept ($(du -sh "$DATA" | cut -f1))" || bad "data folder gone"

step "sizes"
ls -l "$OUT/dist"
echo "install time under Wine: $INSTALL_SECONDS s"
finish
