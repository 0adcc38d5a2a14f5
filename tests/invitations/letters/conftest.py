import logging

import pytest


@pytest.fixture(autouse=True)
def _quiet_weasyprint():
    """WeasyPrint logs a line per laid-out page at INFO; the tests need its warnings only."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)
