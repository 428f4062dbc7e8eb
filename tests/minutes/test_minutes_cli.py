"""`liaison-desk minutes`: exit 0 with a file, 1 with a one-line reason, 2 for usage errors."""

from __future__ import annotations

import shutil
import subprocess
import sys

import minutes_samples as samples
import pytest
from pypdf import PdfReader

from desktop.cli import main


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-db") / "template.sqlite3"
    return path, samples.build_database(path)


@pytest.fixture
def world(template, tmp_path):
    path, ids = template
    shutil.copy(path, tmp_path / "d.sqlite3")
    return tmp_path / "d.sqlite3", ids


def test_one_meeting_as_a_user_runs_it(world, tmp_path):
    db, ids = world
    out = tmp_path / "纪要.pdf"
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", ids["meeting"], "--db", str(db),
                        "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "已生成会议纪要" in p.stdout and len(PdfReader(out).pages) >= 1
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", "nope", "--db", str(db), "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert "找不到" in p.stderr


def test_refusals_exit_1_with_a_reason(world, tmp_path, capsys):
    db, ids = world
    assert main(["minutes", ids["cancelled"], "--db", str(db), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "已取消" in capsys.readouterr().err
    assert main(["minutes", "--from", "2027-01-01", "--db", str(db), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "没有符合条件的会议" in capsys.readouterr().err
    assert main(["minutes", ids["meeting"], "--db", str(tmp_path / "missing.sqlite3"),
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "不存在" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_batch_by_group_into_a_folder_and_by_dates_into_one_file(world, tmp_path, capsys):
    db, ids = world
    assert main(["minutes", "--group", ids["group"], "--db", str(db), "--out", str(tmp_path / "dir")]) == 0
    assert [p.suffix for p in (tmp_path / "dir").iterdir()] == [".pdf"]
    assert main(["minutes", "--from", "2026-01-01", "--to", "2026-12-31", "--db", str(db),
                 "--out", str(tmp_path / "all.pdf")]) == 0
    printed = capsys.readouterr()
    assert "已导出 2 份会议纪要" in printed.out
    assert printed.err == ""                          # no progress counter where no terminal shows it
    assert main(["minutes", ids["meeting"], "--db", str(db), "--out", str(tmp_path / "dir")]) == 0
    assert len(list((tmp_path / "dir").iterdir())) == 1          # an existing folder: the file goes inside


@pytest.mark.parametrize("args", [
    [],                                             # neither a meeting nor a batch filter
    ["MID", "--group", "G"],                        # both
    ["--from", "2026-13-01"],                       # not a date
    ["--from", "2026-05-01", "--to", "2026-04-01"],
])
def test_usage_errors_exit_2(args, world, tmp_path, capsys):
    db, _ids = world
    with pytest.raises(SystemExit) as exc:
        main(["minutes", *args, "--db", str(db), "--out", str(tmp_path / "x.pdf")])
    assert exc.value.code == 2
    assert "usage" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["minutes", "MID", "--db", str(db)])        # --out is required
    assert exc.value.code == 2


def test_an_output_that_is_neither_a_pdf_nor_a_folder_is_refused(world, tmp_path, capsys):
    db, ids = world
    assert main(["minutes", ids["meeting"], "--db", str(db), "--out", str(tmp_path / "out" / "m1.txt")]) == 1
    assert ".pdf" in capsys.readouterr().err and not (tmp_path / "out").exists()
    (tmp_path / "a.txt").write_text("x")
    assert main(["minutes", ids["meeting"], "--db", str(db), "--out", str(tmp_path / "a.txt")]) == 1
    assert main(["minutes", ids["meeting"], "--db", str(db), "--out", str(tmp_path / "new") + "/"]) == 0
    assert [p.suffix for p in (tmp_path / "new").iterdir()] == [".pdf"]


def test_a_two_sided_batch_counts_its_blank_pages(world, tmp_path, capsys):
    db, ids = world
    assert main(["minutes", "--from", "2026-01-01", "--to", "2026-12-31", "--db", str(db),
                 "--out", str(tmp_path / "all.pdf")]) == 0
    said = capsys.readouterr().out
    pages = len(PdfReader(tmp_path / "all.pdf").pages)
    import re
    counted = int(re.search(r"共 (\d+) 页", said).group(1))
    blank = re.search(r"空白页 (\d+) 页，文件共 (\d+) 页", said)
    assert (counted + int(blank.group(1)), int(blank.group(2))) == (pages, pages) if blank else counted == pages


def test_a_heading_over_a_table_is_never_left_at_the_foot_of_a_page(demo_db_path, tmp_path):
    """Printed from the demo township's meetings: 五、督办事项 stood alone at the foot of a page with its table overleaf
    (a table row is never split, and the heading was kept only with three lines of room). The heading (or the
    名单如下： above a long attendance list) now goes over with the table's header and first row."""
    out = tmp_path / "纪要"
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", "--from", "2000-01-01", "--to", "2099-12-31",
                        "--db", str(demo_db_path), "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    files = sorted(out.iterdir())
    assert len(files) > 20
    tables = 0
    for f in files:
        pages = [page.extract_text() for page in PdfReader(f).pages]
        for n, text in enumerate(pages):
            lines = [s.strip() for s in text.splitlines() if s.strip() and not s.strip().startswith("—")
                     and s.strip() != "草稿"]
            assert not lines[-1].endswith(("督办事项", "名单如下：")), (f.name, n + 1, lines[-1])
            tables += "督办事项" in text
    assert tables > 10


def test_dates_typed_in_full_width_are_taken(demo_db_path, tmp_path):
    """`--from ２０２６－０１－０１` (a Chinese input method in full-width mode) was a usage error: "not a date"."""
    def minutes(*dates):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", *dates, "--db", str(demo_db_path),
                               "--out", str(tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf")],
                              capture_output=True, text=True, timeout=300)
    wide = minutes("--from", "２０２６－０１－０１", "--to", "２０２６－１２－３１")
    narrow = minutes("--from", "2026-01-01", "--to", "2026-12-31")
    assert wide.returncode == 0 and narrow.returncode == 0, wide.stderr
    assert wide.stdout.split("：")[0] == narrow.stdout.split("：")[0]          # the same meetings and pages
    wrong = minutes("--from", "２０２６－０２－３０")
    assert wrong.returncode == 2 and "不是有效日期" in wrong.stderr and "not a date" in wrong.stderr
