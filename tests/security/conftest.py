"""Fixtures of the hostile-office suite: the sync tests' small network (tests/sync/syncnet.py), copied
per test, in which one installed township (or district) turns hostile with its own real keys."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from syncnet import build_network, copy_network  # noqa: E402


@pytest.fixture(scope="session")
def network_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile-net") / "net"
    build_network(root)
    return root


@pytest.fixture
def net(network_template, tmp_path):
    n = copy_network(network_template, tmp_path / "net")
    yield n
    n.close()
