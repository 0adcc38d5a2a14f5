"""The retention sweep: each target's rule (or default), never below its minimum, reported per run."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from retention.models import RetentionRule, RetentionRun
from retention.targets import targets


def keep_days_for(target, rules: dict[str, RetentionRule]) -> int | None:
    rule = rules.get(target.key)
    if rule is not None and not rule.enabled:
        return None
    days = rule.keep_days if rule is not None else target.default_days
    return max(days, target.minimum_days)


def retention_plan(*, now: dt.datetime | None = None) -> list[dict]:
    now = now or timezone.now()
    rules = {r.target: r for r in RetentionRule.objects.all()}
    plan = []
    for target in targets():
        days = keep_days_for(target, rules)
        plan.append({"target": target.key, "label": target.label, "keep_days": days,
                     "minimum_days": target.minimum_days,
                     "before": None if days is None else now - dt.timedelta(days=days)})
    return plan


def retention_sweep(*, now: dt.datetime | None = None) -> RetentionRun:
    """Remove what is older than its rule allows; nothing inside the retention period is touched."""
    now = now or timezone.now()
    by_key = {t.key: t for t in targets()}
    report: dict[str, int] = {}
    for item in retention_plan(now=now):
        if item["before"] is None:
            continue
        with transaction.atomic():
            report[item["target"]] = by_key[item["target"]].purge(before=item["before"], now=now)
    return RetentionRun.objects.create(ran_at=now, report=report)
