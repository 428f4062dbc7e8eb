"""kill -9 at random moments of save, sync import, sync export, backup and restore (bench/faults/harness.py,
where the bench runs hundreds): no database fails `check`, no edit reported saved is lost, nothing is
left half-written under its final name. Ten trials of each kind here (slow: about half a minute each)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "faults"))

from harness import KINDS, Bed, Tally  # noqa: E402

TRIALS = 10


@pytest.fixture(scope="module")
def bed(tmp_path_factory):
    return Bed(tmp_path_factory.mktemp("faults"), seed=3)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_killed_at_random_moments(kind, bed):
    bed.measure(kind)
    tally = Tally()
    for _ in range(TRIALS):
        bed.trial(kind, tally)
    print(tally.line(), tally.outcomes)
    assert tally.failures == []
    assert tally.trials[kind] == TRIALS
    assert tally.corrupt == 0 and tally.lost == 0
