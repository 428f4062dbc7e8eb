"""Fixtures for the printed minutes: the shipped fonts only (reproducible), PDFs rendered once."""

from __future__ import annotations

import io

import minutes_samples as samples
import pytest

from desktop.minutes import build_font_set, render_minutes


@pytest.fixture(scope="session")
def fonts():
    return build_font_set(system=False)


@pytest.fixture(scope="session")
def render(fonts):
    def _render(data) -> bytes:
        buf = io.BytesIO()
        render_minutes(data, buf, fonts=fonts)
        return buf.getvalue()
    return _render


@pytest.fixture(scope="session")
def typical_pdf(render) -> bytes:
    return render(samples.typical())


@pytest.fixture(scope="session")
def long_pdf(render) -> bytes:
    return render(samples.long())
