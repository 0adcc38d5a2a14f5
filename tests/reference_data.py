"""What the data migrations seed, put back for transactional tests (they flush the database after each test)."""

import importlib

SEEDS = (
    "halsokurva.migrations.0002_seed_default_table",
    "questionnaire.migrations.0002_seed_national_questionnaire",
    "visits.migrations.0002_seed_codes",
)


def ensure_reference_data() -> None:
    """Seed the national threshold table, questionnaire and codes if they are missing (each seed is idempotent)."""
    from django.apps import apps

    for module in SEEDS:
        importlib.import_module(module).seed(apps, None)
