"""Shared set-up for the benchmarks: a PostgreSQL database, Django, timing and memory.

Each benchmark runs alone (`python bench/NAME.py [--scale N]`), measures a raw
baseline in the same run, and ends with one JSON line:
{"bench": NAME, "ours_s": x, "baseline_s": y, "ratio": x/y, "peak_mb": m}
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rhs_bench"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhs_portal.settings.base")
    os.environ.setdefault("AXES_ENABLED", "0")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The benchmarks measure against PostgreSQL: set DATABASE_URL=postgres://…")
    _ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    OUT.mkdir(parents=True, exist_ok=True)


def _ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def in_child(fn: Callable[[], object]) -> tuple[float, float, object]:
    """Run `fn` in a forked process; return (seconds, peak RSS in MB of that process, result)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    from django.db import connections

    for conn in connections.all():
        conn.close()  # the child opens its own connection; a shared socket would break both

    def target():
        seconds, value = timed(fn)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child.send((seconds, peak, value))

    process = ctx.Process(target=target)
    process.start()
    result = parent.recv()
    process.join()
    if process.exitcode:
        sys.exit(f"benchmark child failed with exit code {process.exitcode}")
    return result


def report(name: str, ours_s: float, baseline_s: float, peak_mb: float, **extra) -> None:
    line = {
        "bench": name,
        "ours_s": round(ours_s, 3),
        "baseline_s": round(baseline_s, 3),
        "ratio": round(ours_s / baseline_s, 2) if baseline_s else None,
        "peak_mb": round(peak_mb, 1),
    }
    for key, value in extra.items():
        print(f"{key}: {value}")
    print(json.dumps(line))
