from django.db import migrations, models

# Existing participations: the route of their first sent batch item, and their first answer in the history.
BACKFILL_INVITED_VIA = """
UPDATE invitations_participation SET invited_via = COALESCE((
    SELECT i.route FROM invitations_sendbatchitem i
    JOIN invitations_sendbatch b ON b.id = i.batch_id
    WHERE i.participation_id = invitations_participation.id AND b.sent_at IS NOT NULL
      AND i.route IN ('digital', 'phone', 'letter')
    ORDER BY b.sent_at, i.id LIMIT 1
), '')
"""
BACKFILL_FIRST_ANSWER = """
UPDATE invitations_participation SET first_answered_at = (
    SELECT MIN(e.at) FROM invitations_participationevent e
    WHERE e.participation_id = invitations_participation.id
      AND e.to_status IN ('answered', 'booked', 'visited', 'documented', 'declined')
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0010_participation_reached"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="first_answered_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="first answered"),
        ),
        migrations.AddField(
            model_name="participation",
            name="invited_via",
            field=models.CharField(
                blank=True, db_default="", default="", editable=False, max_length=8, verbose_name="invited through"
            ),
        ),
        migrations.RunSQL(BACKFILL_INVITED_VIA, migrations.RunSQL.noop),
        migrations.RunSQL(BACKFILL_FIRST_ANSWER, migrations.RunSQL.noop),
    ]
