# Answers keep the channel they came through (portal, phone, reply letter), on the case and the participation.

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def answers_came_through_the_portal(apps, schema_editor):
    """Answers recorded before this migration all came through the citizen's link."""
    InvitationCase = apps.get_model("invitations", "InvitationCase")
    Participation = apps.get_model("invitations", "Participation")
    InvitationCase.objects.exclude(answer="").update(answer_channel="portal")
    latest = InvitationCase.objects.filter(participation=OuterRef("pk")).exclude(answer="").order_by("-answered_at")
    Participation.objects.filter(cases__answer__gt="").update(
        answer=Subquery(latest.values("answer")[:1]),
        answered_at=Subquery(latest.values("answered_at")[:1]),
        answer_channel="portal",
    )


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0008_contact_timings_and_reasons'),
    ]

    operations = [
        migrations.AddField(
            model_name='invitationcase',
            name='answer_channel',
            field=models.CharField(blank=True, choices=[('', '—'), ('portal', 'In the portal'), ('phone', 'By phone'), ('letter', 'By reply letter')], max_length=8, verbose_name='answered through'),
        ),
        migrations.AddField(
            model_name='participation',
            name='answer',
            field=models.CharField(blank=True, choices=[('', '—'), ('self_book', 'Will book a time'), ('call_me', 'Call me'), ('decline', 'No thank you')], max_length=10, verbose_name='answer'),
        ),
        migrations.AddField(
            model_name='participation',
            name='answer_channel',
            field=models.CharField(blank=True, choices=[('', '—'), ('portal', 'In the portal'), ('phone', 'By phone'), ('letter', 'By reply letter')], max_length=8, verbose_name='answered through'),
        ),
        migrations.AddField(
            model_name='participation',
            name='answered_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='answered'),
        ),
        migrations.RunPython(answers_came_through_the_portal, migrations.RunPython.noop),
    ]
