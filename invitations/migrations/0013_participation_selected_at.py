import django.utils.timezone
from django.db import migrations, models

# `created_at` was stamped by the clock; it is now the selection's `now`, which the first history event holds.
BACKFILL = """
UPDATE invitations_participation SET created_at = COALESCE((
    SELECT MIN(e.at) FROM invitations_participationevent e
    WHERE e.participation_id = invitations_participation.id AND e.to_status = 'selected'
), created_at)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0012_participation_milestones"),
    ]

    operations = [
        migrations.AlterField(
            model_name="participation",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="selected"),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
