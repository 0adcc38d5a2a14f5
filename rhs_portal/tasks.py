"""Enqueueing Celery work safely from a request or a service."""

from __future__ import annotations

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs) -> None:
    """Send `task` after the current transaction commits.

    The row the task works on is already committed, so a broker that is down
    only delays the work: the failure is logged and a beat job finds the row
    again (every job records its own state in the database).
    """

    def publish():
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # noqa: BLE001 - the broker may be down; the state is in the database
            logger.exception("Could not publish %s; the periodic job will pick the work up", task.name)

    transaction.on_commit(publish)
