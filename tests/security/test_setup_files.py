"""Setup files (SECURITY.md B3, K1): hostile key-derivation parameters and oversized headers refused
before anything is derived or read, a passcode typed with a Chinese input method accepted."""

from __future__ import annotations

import json
import time
import zipfile

import pytest
from syncnet import CODES

from db.sync.errors import SyncRefused
from db.sync.setup import init_from_setup, make_setup_file


@pytest.fixture
def setup_file(net, tmp_path):
    return make_setup_file(net.db("D1"), CODES["T2"], tmp_path)


def _rewrite(src, dst, header=None, compress=None):
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "header.json" and header is not None:
                h = json.loads(data)
                header(h)
                data = json.dumps(h).encode()
            out.writestr(info.filename, data, compress_type=compress or zipfile.ZIP_STORED)
    return dst


@pytest.mark.parametrize("kdf", [{"n": 2 ** 21}, {"p": 2 ** 12}, {"r": 2 ** 20}, {"n": 2 ** 15 + 1},
                                 {"n": 2 ** 10}, {"p": 0}, {"n": "32768"}])
def test_hostile_kdf_parameters_are_refused_before_deriving(setup_file, tmp_path, kdf):
    """Issue 16: n = 2^21 took 1.5 GB, p = 2^12 ran 20 s. Bounds: n a power of two in 2^14..2^17,
    r = 8, p ≤ 2, checked before scrypt runs."""
    bad = _rewrite(setup_file.path, tmp_path / "bad.ldsetup", header=lambda h: h["kdf"].update(kdf))
    started = time.perf_counter()
    with pytest.raises(SyncRefused) as e:
        init_from_setup(tmp_path / "new" / "db.sqlite3", bad, setup_file.passcode)
    assert time.perf_counter() - started < 2.0
    assert e.value.code == "corrupt" and "参数" in e.value.message_zh
    assert not (tmp_path / "new" / "db.sqlite3").exists()


def test_oversized_header_and_compressed_members_are_refused_unread(setup_file, tmp_path):
    big = _rewrite(setup_file.path, tmp_path / "big.ldsetup", header=lambda h: h.update(pad=" " * (5 << 20)))
    with pytest.raises(SyncRefused) as e:
        init_from_setup(tmp_path / "a" / "db.sqlite3", big, setup_file.passcode)
    assert e.value.code == "corrupt"
    deflated = _rewrite(setup_file.path, tmp_path / "deflated.ldsetup", compress=zipfile.ZIP_DEFLATED)
    with pytest.raises(SyncRefused) as e:
        init_from_setup(tmp_path / "b" / "db.sqlite3", deflated, setup_file.passcode)
    assert e.value.code == "corrupt"


_FULL = str.maketrans("0123456789 -", "０１２３４５６７８９\u3000－")


@pytest.mark.parametrize("typed", [
    lambda p: p.translate(_FULL),                       # full-width digits and spaces from a Chinese IME
    lambda p: p.replace(" ", "-"),                      # dashes between groups
    lambda p: p.replace(" ", ""),                       # no separators
    lambda p: "  " + p.replace(" ", " - ") + "\n",      # spaces, dashes, a stray newline
])
def test_a_passcode_typed_with_a_chinese_input_method_is_accepted(net, setup_file, tmp_path, typed):
    """Issue 16: a passcode typed in full-width digits was refused as 'damaged'."""
    info = init_from_setup(tmp_path / "t2" / "liaison-desk.sqlite3", setup_file.path, typed(setup_file.passcode))
    assert info["office_code"] == CODES["T2"]


@pytest.mark.parametrize("typed", ["1234", "abcd efgh ijkl mnop qrst", "0000 0000 0000 0000 0000"])
def test_a_wrong_passcode_says_so(setup_file, tmp_path, typed):
    with pytest.raises(SyncRefused) as e:
        init_from_setup(tmp_path / "x" / "db.sqlite3", setup_file.path, typed)
    assert e.value.code == "wrong_passcode" and "口令不正确" in e.value.message_zh
