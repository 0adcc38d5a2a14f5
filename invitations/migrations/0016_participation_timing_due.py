
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('invitations', '0015_participation_answer_timing'),
        ('population', '0002_research_opt_out'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='participation',
            index=models.Index(condition=models.Q(('answer_timing', ''), ('first_answered_at__isnull', False)), fields=['id'], name='participation_timing_due'),
        ),
    ]
