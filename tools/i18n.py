"""Translation pipeline: one .ts per source module, one .qm for the application.

    python tools/i18n.py update     pyside6-lupdate each desktop module → resources/translations/zh_CN/<module>.ts
                                    (and db.model.ts, written from db.model's label_zh: labels are declared once)
    python tools/i18n.py todo       list messages still without a Chinese translation
    python tools/i18n.py apply F    fill translations from a JSON file {"Context": {"English": "中文"}}
    python tools/i18n.py release    pyside6-lrelease every .ts → resources/translations/liaison_desk_zh_CN.qm
    python tools/i18n.py check      fail if a .ts is out of date with its source, a message is unfinished,
                                    or the committed .qm differs from a fresh build (tests run this)

One .ts per module means two engineers never edit the same .ts file. Locations are left out of
the .ts files, so moving code does not churn them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations" / "zh_CN"
QM_FILE = ROOT / "resources" / "translations" / "liaison_desk_zh_CN.qm"
LANG = "zh_CN"
# Modules without Qt (no user strings through Qt): the command line, minutes, reports.
SKIP = ("desktop/cli.py", "desktop/commands/", "desktop/minutes/", "desktop/reports/")
MODEL_TS = "db.model.ts"


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    if exe.exists():
        return str(exe)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it ships with PySide6-Essentials)")
    return found


def sources(root: Path = ROOT) -> list[Path]:
    out = []
    for path in sorted((root / "desktop").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if any(rel == s or rel.startswith(s) for s in SKIP):
            continue
        if "QtCore" in (text := path.read_text(encoding="utf-8")) or ".tr(" in text or "translate(" in text:
            out.append(path)
    return out


def ts_name(path: Path, root: Path = ROOT) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts) + ".ts"


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, bool]]:
    """(context, source) → (translation, finished) of one .ts file."""
    out = {}
    tree = ET.parse(ts)
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = (tr.text or "") if tr is not None else ""
            finished = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete") and bool(text)
            out[(name, msg.findtext("source") or "")] = (text, finished)
    return out


def _lupdate(src: Path, ts: Path) -> None:
    subprocess.run([_tool("pyside6-lupdate"), str(src), "-ts", str(ts), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", LANG], check=True, capture_output=True,
                   cwd=str(ROOT))


def model_ts_text() -> str:
    """db.model.ts: table labels (context "model") and field labels (context "model.<table>": the
    same English can differ in Chinese — Name is 名称 for a group, 姓名 for a member), from label_zh."""
    sys.path.insert(0, str(ROOT))
    from db import model
    contexts: dict[str, dict[str, str]] = {"model": {}}
    for t in model.TABLES.values():
        contexts["model"].setdefault(t.label_en, t.label_zh)
        fields = contexts.setdefault(f"model.{t.name}", {})
        for f in t.fields:
            fields.setdefault(f.label_en, f.label_zh)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{LANG}" sourcelanguage="en">']
    for name, pairs in sorted(contexts.items()):
        lines += ["<context>", f"    <name>{escape(name)}</name>"]
        for en, zh in sorted(pairs.items()):
            lines += ["    <message>", f"        <source>{escape(en)}</source>",
                      f"        <translation>{escape(zh)}</translation>", "    </message>"]
        lines.append("</context>")
    lines += ["</TS>", ""]
    return "\n".join(lines)


def update(root: Path = ROOT, ts_dir: Path = TS_DIR) -> list[Path]:
    """Bring every module's .ts up to date with its source; returns the .ts files kept."""
    ts_dir.mkdir(parents=True, exist_ok=True)
    kept = []
    for src in sources(root):
        ts = ts_dir / ts_name(src, root)
        _lupdate(src, ts)
        if messages(ts):
            kept.append(ts)
        else:
            ts.unlink()
    model_ts = ts_dir / MODEL_TS
    model_ts.write_text(model_ts_text(), encoding="utf-8")
    kept.append(model_ts)
    for stale in set(ts_dir.glob("*.ts")) - set(kept):
        stale.unlink()         # its module is gone
    return kept


def release(ts_dir: Path = TS_DIR, qm: Path = QM_FILE) -> None:
    """Build the .qm beside its final name and rename it over the old one, so a program that has the
    old file open keeps reading a whole file (rewriting it in place crashed running programs)."""
    files = sorted(str(p) for p in ts_dir.glob("*.ts"))
    part = qm.with_name(qm.name + ".part")
    try:
        subprocess.run([_tool("pyside6-lrelease"), *files, "-qm", str(part), "-silent"], check=True,
                       capture_output=True)
        os.replace(part, qm)
    finally:
        part.unlink(missing_ok=True)


def todo(ts_dir: Path = TS_DIR) -> list[tuple[str, str, str]]:
    out = []
    for ts in sorted(ts_dir.glob("*.ts")):
        for (ctx, src), (_t, finished) in messages(ts).items():
            if not finished:
                out.append((ts.name, ctx, src))
    return out


def apply(mapping: dict[str, dict[str, str]], ts_dir: Path = TS_DIR) -> int:
    """Write translations into the .ts files that hold those messages; returns how many were set."""
    n = 0
    for ts in sorted(ts_dir.glob("*.ts")):
        tree = ET.parse(ts)
        changed = False
        for ctx in tree.getroot().iter("context"):
            table = mapping.get(ctx.findtext("name") or "", {})
            for msg in ctx.iter("message"):
                src = msg.findtext("source") or ""
                if src in table:
                    tr = msg.find("translation")
                    tr.text = table[src]
                    tr.attrib.pop("type", None)
                    changed = True
                    n += 1
        if changed:
            body = ET.tostring(tree.getroot(), encoding="unicode")
            ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
            src = source_of(ts.name)
            if src is not None:            # back to lupdate's own layout, so files do not churn
                _lupdate(src, ts)
    return n


def source_of(ts_file: str, root: Path = ROOT) -> Path | None:
    """The module a .ts file belongs to (None for db.model.ts or a module that is gone)."""
    for src in sources(root):
        if ts_name(src, root) == ts_file:
            return src
    return None


def check(root: Path = ROOT, ts_dir: Path = TS_DIR, qm: Path = QM_FILE) -> list[str]:
    """Problems with the translations (empty when all is well)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir = Path(tmp) / "ts"
        fresh_dir.mkdir()
        for ts in ts_dir.glob("*.ts"):
            shutil.copy(ts, fresh_dir / ts.name)
        update(root, fresh_dir)
        committed = {p.name for p in ts_dir.glob("*.ts")}
        for ts in sorted(fresh_dir.glob("*.ts")):
            if ts.name not in committed:
                problems.append(f"{ts.name}: missing (run tools/i18n.py update)")
                continue
            now, before = messages(ts), messages(ts_dir / ts.name)
            for key in sorted(set(now) - set(before)):
                problems.append(f"{ts.name}: new message not in the committed .ts: {key[0]} / {key[1]!r}")
            for key in sorted(set(before) - set(now)):
                problems.append(f"{ts.name}: message no longer in the source: {key[0]} / {key[1]!r}")
            if ts.name == MODEL_TS and now != before:
                problems.append(f"{ts.name}: out of date with db/model.py (run tools/i18n.py update)")
        for name in sorted(committed - {p.name for p in fresh_dir.glob('*.ts')}):
            problems.append(f"{name}: its module no longer has strings (run tools/i18n.py update)")
        for ts_file, ctx, src in todo(ts_dir):
            problems.append(f"{ts_file}: untranslated: {ctx} / {src!r}")
        fresh_qm = Path(tmp) / "fresh.qm"
        release(ts_dir, fresh_qm)
        if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
            problems.append(f"{qm.name}: stale (run tools/i18n.py release and commit it)")
    return problems


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else ""
    if cmd == "update":
        kept = update()
        print(f"{len(kept)} .ts files in {TS_DIR.relative_to(ROOT)}; {len(todo())} messages to translate")
    elif cmd == "todo":
        for ts, ctx, src in todo():
            print(json.dumps({"file": ts, "context": ctx, "source": src}, ensure_ascii=False))
    elif cmd == "apply" and len(argv) == 2:
        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        print(f"{apply(mapping)} translations written")
    elif cmd == "release":
        release()
        print(f"wrote {QM_FILE.relative_to(ROOT)}")
    elif cmd == "check":
        problems = check()
        for p in problems:
            print(p)
        print("translations:", "PROBLEMS" if problems else "ok")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
