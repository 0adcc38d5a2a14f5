from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from invitations.template_defaults.seeding import seed_region_defaults

    Region = apps.get_model("population", "Region")
    for region_id in Region.objects.values_list("pk", flat=True):
        seed_region_defaults(
            region_id,
            template_model=apps.get_model("invitations", "MessageTemplate"),
            version_model=apps.get_model("invitations", "MessageTemplateVersion"),
            standard_text_model=apps.get_model("invitations", "StandardText"),
            now=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("invitations", "0004_message_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
