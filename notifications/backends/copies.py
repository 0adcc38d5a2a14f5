"""Demo copies: in the embedded set-up every e-mail and SMS is also written to var/outbox/.

A new user can open the file (or the demo outbox page) and follow the link a
citizen would get. Nothing is written unless RHS_DEMO_MODE is on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings


def copy_directory() -> Path | None:
    if not settings.RHS_DEMO_MODE or not settings.RHS_OUTBOX_COPY_DIR:
        return None
    return Path(settings.RHS_OUTBOX_COPY_DIR)


def write_copy(*, message_id: int, medium: str, address: str, subject: str, text: str, now: dt.datetime) -> str:
    directory = copy_directory()
    if directory is None:
        return ""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{now.astimezone(dt.UTC):%Y%m%d-%H%M%S}-{message_id}-{medium}.txt"
    header = [f"To: {address}", f"Medium: {medium}", f"Date: {now.isoformat()}"]
    if subject:
        header.append(f"Subject: {subject}")
    path.write_text("\n".join(header) + "\n\n" + text + "\n", encoding="utf-8")
    return str(path)
