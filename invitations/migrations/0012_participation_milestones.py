from django.db import migrations, models

# Existing participations: the first time one of their invitation cases was read. The questionnaire and
# lab milestones are filled by migrations of the apps that own those tables (visits, responses).
BACKFILL_READ = """
UPDATE invitations_participation SET read_at = (
    SELECT MIN(c.read_at) FROM invitations_invitationcase c WHERE c.participation_id = invitations_participation.id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0011_participation_invited_via_first_answer"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="lab_results_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="lab results in"),
        ),
        migrations.AddField(
            model_name="participation",
            name="questionnaire_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="questionnaire handed in"
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="read_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="invitation first read"
            ),
        ),
        migrations.RunSQL(BACKFILL_READ, migrations.RunSQL.noop),
    ]
