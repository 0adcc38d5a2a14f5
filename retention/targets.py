"""What the retention sweep may thin out, and the least time each kind must be kept.

Each target names a purge service of the app that owns the data; the
retention app only decides *when* (rules as data, ADR 11).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RetentionTarget:
    key: str
    label: str
    default_days: int
    minimum_days: int
    purge: Callable  # purge(*, before: datetime, now: datetime) -> int (rows or files removed)


_TARGETS: dict[str, RetentionTarget] = {}


def register_target(target: RetentionTarget) -> None:
    _TARGETS[target.key] = target


def targets() -> list[RetentionTarget]:
    _load_builtin()
    return sorted(_TARGETS.values(), key=lambda t: t.key)


def _load_builtin() -> None:
    if _TARGETS:
        return
    from population.services.audit import ACCESS_LOG_MINIMUM_DAYS, access_log_purge
    from population.services.imports import imports_purge_files
    from reporting.services.research_export import research_exports_purge_files
    from responses.services.lab_import import lab_imports_purge_files

    register_target(RetentionTarget(
        "access_log", _("Access log entries"), default_days=ACCESS_LOG_MINIMUM_DAYS + 366,
        minimum_days=ACCESS_LOG_MINIMUM_DAYS, purge=access_log_purge,
    ))
    register_target(RetentionTarget(
        "population_import_files", _("Uploaded population lists and their previews"), default_days=30,
        minimum_days=2, purge=imports_purge_files,
    ))
    register_target(RetentionTarget(
        "lab_import_files", _("Uploaded lab result files and their previews"), default_days=30, minimum_days=2,
        purge=lab_imports_purge_files,
    ))
    register_target(RetentionTarget(
        "research_export_files", _("Research extracts not downloaded"), default_days=30, minimum_days=7,
        purge=research_exports_purge_files,
    ))
