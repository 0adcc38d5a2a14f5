from django.db import migrations

# Participations whose questionnaire is handed in (or locked at the visit): when that happened.
BACKFILL = """
UPDATE invitations_participation SET questionnaire_at = (
    SELECT COALESCE(r.submitted_at, r.status_changed_at) FROM questionnaire_questionnaireresponse r
    WHERE r.participation_id = invitations_participation.id AND r.status IN ('submitted', 'locked')
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0002_seed_codes"),
        ("questionnaire", "0002_seed_national_questionnaire"),
        ("invitations", "0012_participation_milestones"),
    ]

    operations = [migrations.RunSQL(BACKFILL, migrations.RunSQL.noop)]
