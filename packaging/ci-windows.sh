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
if "$PY" packaging/windows/build.py --dist "$OUT/dist"; then
    ok "built $(cd "$OUT/dist" && ls)"
else
    bad "build failed"; finish
fi
if git cat-file -e "$PREV_REF^{commit}" 2>/dev/null &&
   "$PY" packaging/windows/build.py --version "$PREV_VERSION" --ref "$PREV_REF" --compressor none --no-zip \
        --build "$OUT/build-prev" --dist "$OUT/prev" >"$OUT/build-prev.log" 2>&1; then
    ok "previous build $PREV_VERSION from $PREV_REF"
    HAVE_PREV=1
else
    bad "previous build from $PREV_REF (see $OUT/build-prev.log)"
    HAVE_PREV=0
fi
NEW_SETUP=$OUT/dist/LiaisonDesk-$VERSION-setup.exe
PREV_SETUP=$OUT/prev/LiaisonDesk-$PREV_VERSION-setup.exe

step "a fresh Wine prefix"
export WINEPREFIX=$OUT/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
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
cli() { wine "$INST/liaison-desk-cli.exe" "$@" 2>&1 | cat; return "${PIPESTATUS[0]}"; }

if [ "$HAVE_PREV" = 1 ]; then
    step "install the previous build $PREV_VERSION, make data with it"
    s=$SECONDS
    wine "$PREV_SETUP" /S 2>&1 | cat; wineserver -w
    [ -x "$INST/liaison-desk-cli.exe" ] && ok "previous build installed ($((SECONDS - s)) s)" || bad "previous build not installed"
    cli demo --size township --seed 1 >"$OUT/prev-demo.log" && cli check >"$OUT/prev-check.log" &&
        [ -f "$DATA/liaison-desk.sqlite3" ] && ok "data made by $PREV_VERSION in the user's data folder" ||
        bad "data made by $PREV_VERSION (see $OUT/prev-*.log)"
    cp "$DATA/liaison-desk.sqlite3" "$OUT/prev-data.sqlite3" 2>/dev/null
fi

step "install $VERSION (silent, over the previous one)"
s=$SECONDS
wine "$NEW_SETUP" /S 2>&1 | cat; wineserver -w
INSTALL_SECONDS=$((SECONDS - s))
v=$(cli --version)
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

step "selftest --offscreen (the installed console and window executables)"
cli selftest --offscreen >"$OUT/selftest.log"; rc=$?
cat "$OUT/selftest.log"
[ $rc = 0 ] && grep -q "^selftest: passed" "$OUT/selftest.log" && ok "liaison-desk-cli.exe selftest" ||
    bad "liaison-desk-cli.exe selftest (exit $rc)"

step "the command line piped, under the Chinese Windows code page (cp936)"
# LC_ALL=zh_CN.UTF-8 makes Wine's ANSI code page 936, as on a Chinese Windows; output goes to a pipe
LC_ALL=zh_CN.UTF-8 wine "$INST/liaison-desk.exe" selftest --offscreen 2>&1 | cat >"$OUT/selftest-cp936.log"
rc=${PIPESTATUS[0]}
acp=$(LC_ALL=zh_CN.UTF-8 wine "$INST/liaison-desk-cli.exe" -c "import locale; print(locale.getpreferredencoding())" 2>&1 | cat)
if [ $rc = 0 ] && grep -q "王𠇔 李䶮" "$OUT/selftest-cp936.log" && grep -q "^selftest: passed" "$OUT/selftest-cp936.log"; then
    ok "liaison-desk.exe selftest piped under $acp prints 王𠇔 李䶮 and passes"
else
    bad "liaison-desk.exe selftest under $acp (exit $rc)"; tail -5 "$OUT/selftest-cp936.log"
fi

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

step "uninstall (silent): the data folder stays"
wine "$INST/uninstall.exe" /S 2>&1 | cat; wineserver -w
[ ! -e "$INST/liaison-desk.exe" ] && [ ! -e "$INST/lib" ] && ok "program files removed" || bad "program files left"
[ ! -e "$HOMEW/Desktop/委员联络组工作台.lnk" ] && ok "shortcuts removed" || bad "desktop shortcut left"
[ -f "$DATA/liaison-desk.sqlite3" ] && ok "data folder kept ($(du -sh "$DATA" | cut -f1))" || bad "data folder gone"

step "sizes"
ls -l "$OUT/dist"
echo "install time under Wine: $INSTALL_SECONDS s"
finish
