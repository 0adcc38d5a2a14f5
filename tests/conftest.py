"""Shared fixtures. PostgreSQL and Redis are used where they run (CI: always).

Tests that need PostgreSQL (COPY, row locks, concurrency) or Redis carry the
`postgres` / `redis` marker. Without the service they are skipped with a
reason; with RHS_REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails
them instead, so CI can never pass on a skip.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

import pytest
from django.db import connection

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
REQUIRE_SERVICES = os.environ.get("RHS_REQUIRE_SERVICES") == "1"


def _missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (RHS_REQUIRE_SERVICES=1: CI must run this test)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _service_markers(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL=postgres://…")
    if request.node.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        _missing("needs Redis: set REDIS_URL=redis://…")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def now():
    """A fixed, aware 'now' in Stockholm for services that take one."""
    return dt.datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)


def aware(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in their source language (English msgids).

    Pages requested through the test client or the browser still render in
    Swedish: the locale middleware activates the site language per request.
    """
    from django.utils import translation

    with translation.override("en"):
        yield
