
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0014_participation_cohort_snapshot'),
    ]

    operations = [
        migrations.AddField(
            model_name='participation',
            name='answer_timing',
            field=models.CharField(blank=True, db_default='', default='', editable=False, max_length=24, verbose_name='answered after'),
        ),
    ]
