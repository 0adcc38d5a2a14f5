import pytest

from notifications.services import Recipient
from tests.notifications.backends import FlakySms, RecordingSms


@pytest.fixture(autouse=True)
def _sms_and_copies(settings, tmp_path):
    settings.RHS_SMS_BACKEND = "tests.notifications.backends.RecordingSms"
    settings.RHS_OUTBOX_COPY_DIR = str(tmp_path / "outbox")
    RecordingSms.sent = []
    FlakySms.sent = []
    FlakySms.failures_left = 0


@pytest.fixture
def recipient():
    return Recipient(person_id=7, name="Test Testsson", email="test@example.com", phone="+46701740610",
                     notify_by="email_sms")
