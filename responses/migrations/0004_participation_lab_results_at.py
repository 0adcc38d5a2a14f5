from django.db import migrations

# Participations whose lab results are in: the first time one of their orders got its results.
BACKFILL = """
UPDATE invitations_participation SET lab_results_at = (
    SELECT MIN(o.status_changed_at) FROM responses_laborder o
    WHERE o.participation_id = invitations_participation.id AND o.status = 'results'
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("responses", "0003_call_attempts"),
        ("invitations", "0012_participation_milestones"),
    ]

    operations = [migrations.RunSQL(BACKFILL, migrations.RunSQL.noop)]
