"""E-mail through Django's configured e-mail backend (EMAIL_URL)."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage

from notifications.backends import DeliveryError


def send_email(*, to: str, subject: str, text: str) -> None:
    try:
        EmailMessage(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]).send()
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"e-mail: {exc}") from exc
