"""Test settings: the base settings with fast hashing and the test-only switches."""

from .base import *  # noqa: F403
from .base import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests log in many times from the same address.
AXES_ENABLED = False
RHS_DEMO_MODE = True
MEDIA_ROOT = VAR_DIR / "test-media"
RHS_OUTBOX_COPY_DIR = VAR_DIR / "test-outbox"
RHS_SMS_DIR = VAR_DIR / "test-sms"
RHS_PRINT_SHOP_DIR = VAR_DIR / "test-print-shop"
