"""Fixtures of the sync tests (helpers in syncnet.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from syncnet import build_network, copy_network


@pytest.fixture(scope="session")
def network_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sync-net") / "net"
    build_network(root)
    return root


@pytest.fixture
def net(network_template, tmp_path):
    n = copy_network(network_template, tmp_path / "net")
    yield n
    n.close()
