"""SMS backends. Choose one with RHS_SMS_BACKEND (a dotted path to a class with `send(*, to, text)`).

The portal ships a console backend (logs the SMS) and a file backend (one
file per SMS in RHS_SMS_DIR). A region's SMS gateway is one more class.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications.sms")


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


class FileSmsBackend:
    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory or settings.RHS_SMS_DIR)

    def send(self, *, to: str, text: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
        path = self.directory / f"{stamp}-{secrets.token_hex(4)}.sms.txt"
        path.write_text(f"To: {to}\n\n{text}\n", encoding="utf-8")


def sms_backend() -> SmsBackend:
    return import_string(settings.RHS_SMS_BACKEND)()
