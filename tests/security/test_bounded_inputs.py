"""Bounded work before trust (SYNC.md "Trust"; SECURITY.md B1–B4): decompression bombs, zip members
larger than declared, and too many rows, each measured in a child process: at most 300 MB before the
sender is known to be trusted, at most 1 GB after, whatever the file holds."""

from __future__ import annotations

import functools
import json
import zipfile
import zlib

import pytest
from hostile import forge_stream, import_in_child, stranger_keys
from syncnet import state_of

from db.sync.package import MAX_RAW

GB = 1 << 30
BEFORE_TRUST_MB = 300
AFTER_TRUST_MB = 1024


def _whitespace_lines(total: int, line: int = 32 << 20):
    """Valid JSON lines of (mostly) whitespace: cheap to make, compress about 1000:1."""
    pad = b" " * (1 << 20)
    made = 0
    while made < total:
        yield b'{"k":"log","e":['
        for _ in range(line >> 20):
            yield pad
        yield b"]}\n"
        made += line + 19


@functools.cache
def _bomb() -> bytes:
    """1.9 GB of JSON lines, compressed once for the whole module (about 2 MB)."""
    comp = zlib.compressobj(1)
    return b"".join([comp.compress(c) for c in _whitespace_lines(int(1.9 * GB))] + [comp.flush()])


@pytest.mark.parametrize("declared", [int(1.9 * GB), 100 << 20, None])
def test_trusted_decompression_bomb(net, declared):
    """Issue 16: a trusted package that inflates to ~1.9 GB took 3 GB of memory. Now: a declared size
    over the limit is refused before inflating; an under-declared one stops at its cap; one with no
    declaration (an older writer) stops at the fixed limit."""
    path = forge_stream(net, "T1", "D1", (), declared=declared, packed=_bomb())
    assert path.stat().st_size < 20 << 20
    before = state_of(net.db("D1"))
    res = import_in_child(net, "D1", path)
    print(f"\ntrusted bomb (declared {declared}): {res}")
    assert res["status"] == "refused" and res["code"] == "too_large", res
    assert res["peak_mb"] <= AFTER_TRUST_MB, res
    assert state_of(net.db("D1")) == before


def test_untrusted_zip_member_larger_than_declared(net):
    """Issue 16: an untrusted zip with a 2 GiB member took 0.9 GB before anything was checked. A
    member compressed by zip (or of another size than the manifest declares) is refused unread."""
    def write(z):
        zi = zipfile.ZipInfo("blobs/" + "a" * 64)
        zi.compress_type, zi._compresslevel = zipfile.ZIP_DEFLATED, 1
        with z.open(zi, "w", force_zip64=True) as f:
            pad = b"\0" * (1 << 20)
            for _ in range(2048):
                f.write(pad)
    path = forge_stream(net, "T1", "D1", [b""], declared=0, keys=stranger_keys(),
                        extra_members=[("blobs/" + "a" * 64, 1000, write)])
    assert path.stat().st_size < 20 << 20
    with zipfile.ZipFile(path) as z:         # the zip: deflated, 2 GiB inflated
        assert z.getinfo("blobs/" + "a" * 64).file_size == 2 * GB
    res = import_in_child(net, "D1", path)
    print(f"\nuntrusted 2 GiB member: {res}")
    assert res["status"] == "refused" and res["code"] == "corrupt", res
    assert res["peak_mb"] <= BEFORE_TRUST_MB, res


def test_untrusted_bomb_is_never_inflated(net):
    """An unknown computer's package that would inflate to 1.9 GB: refused as untrusted, nothing
    inflated (the key is kept pending for a person to confirm)."""
    path = forge_stream(net, "T1", "D1", (), declared=MAX_RAW, keys=stranger_keys(), packed=_bomb())
    res = import_in_child(net, "D1", path)
    print(f"\nuntrusted bomb: {res}")
    assert res["status"] == "refused" and res["code"] == "untrusted_key", res
    assert res["peak_mb"] <= BEFORE_TRUST_MB, res


def test_an_export_beyond_the_limits_is_refused_at_the_sender(net, monkeypatch):
    """The sender says so plainly instead of writing a package its recipient would refuse."""
    from db.sync import export as export_mod
    from db.sync.errors import SyncRefused
    from db.sync.simulate import simulate
    simulate(net.db("T1"), 5, seed=4)
    monkeypatch.setattr(export_mod, "MAX_LOG", 2)
    with pytest.raises(SyncRefused) as e:
        net.export("T1", "D1")
    assert e.value.code == "too_large" and "上限" in e.value.message_zh
    assert not list(net.stick.glob("*.ldsync")) if net.stick.exists() else True


def test_too_many_rows_are_refused_before_they_are_held(net):
    """A trusted package claiming a million tiny rows: refused at the fixed row limit (whatever its
    manifest's counts say), within the memory budget."""
    office = net.office("T1")
    node = net.db("T1").execute("SELECT node_id FROM node_state").fetchone()[0]
    cols = ["id", "office_id", "deleted", "_rc", "_fc", "meeting_id", "member_id", "status"]

    def lines():
        for b in range(500):
            rows = [[f"r{b:04d}x{i:05d}", office, 0, f"{(1 << 40) + i:016x}@{node}", None, "m", "m", "present"]
                    for i in range(2000)]
            yield (json.dumps({"k": "rows", "tb": "attendance", "c": cols, "r": rows}) + "\n").encode()
    path = forge_stream(net, "T1", "D1", lines(), declared=MAX_RAW, counts={"log": 0, "rows": 10 ** 6, "blobs": 0})
    res = import_in_child(net, "D1", path)
    print(f"\na million rows: {res}")
    assert res["status"] == "refused" and res["code"] == "too_large", res
    assert res["peak_mb"] <= AFTER_TRUST_MB, res
