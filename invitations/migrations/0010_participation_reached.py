from django.db import migrations, models

# The index of each state in PROGRESSION at the time of this migration.
RANKS = ["selected", "invited", "answered", "booked", "visited", "documented"]

BACKFILL = """
UPDATE invitations_participation SET reached = COALESCE((
    SELECT MAX(CASE e.to_status {whens} END)
    FROM invitations_participationevent e
    WHERE e.participation_id = invitations_participation.id
), 0)
""".format(whens=" ".join(f"WHEN '{state}' THEN {rank}" for rank, state in enumerate(RANKS)))


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0009_answer_channel"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="reached",
            field=models.PositiveSmallIntegerField(
                db_default=0, default=0, editable=False, verbose_name="furthest step reached"
            ),
        ),
        # Existing participations: the furthest step their history shows.
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
