from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import ExtractYear


def snapshot_cohort(apps, schema_editor):
    """Existing participations: the age turned in the round's year and the person's area as it is now."""
    Participation = apps.get_model("invitations", "Participation")
    Round = apps.get_model("invitations", "Round")
    Person = apps.get_model("population", "Person")
    person = Person.objects.filter(pk=OuterRef("person_id"))
    Participation.objects.update(
        age=Subquery(Round.objects.filter(pk=OuterRef("round_id")).values("year")[:1])
        - Subquery(person.annotate(born=ExtractYear("birth_date")).values("born")[:1]),
        area_code=Subquery(person.values("area_code")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0013_participation_selected_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
            name="age",
            field=models.PositiveSmallIntegerField(
                blank=True, editable=False, null=True, verbose_name="age in the round's year"
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="area_code",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                max_length=20,
                verbose_name="area when selected",
            ),
        ),
        migrations.RunPython(snapshot_cohort, migrations.RunPython.noop),
    ]
