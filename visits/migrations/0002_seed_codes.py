"""Seed the national KVÅ list for advice on the four habits and the contact reason "Hälsosamtal".

DV111 and DV112 (tobacco) are documented (DOMAIN.md §5); the others ship as reference data
marked "verify" for administrators to check against Socialstyrelsen's current KVÅ.
"""

from django.db import migrations

KVA = [
    # code, text, habit, level, verified
    ("DV111", "Enkla råd om tobaksbruk", "tobacco", "simple", True),
    ("DV112", "Rådgivande samtal om tobaksbruk", "tobacco", "advisory", True),
    ("DV113", "Kvalificerat rådgivande samtal om tobaksbruk", "tobacco", "qualified", False),
    ("DV121", "Enkla råd om alkoholvanor", "alcohol", "simple", False),
    ("DV122", "Rådgivande samtal om alkoholvanor", "alcohol", "advisory", False),
    ("DV123", "Kvalificerat rådgivande samtal om alkoholvanor", "alcohol", "qualified", False),
    ("DV131", "Enkla råd om fysisk aktivitet", "physical_activity", "simple", False),
    ("DV132", "Rådgivande samtal om fysisk aktivitet", "physical_activity", "advisory", False),
    ("DV133", "Kvalificerat rådgivande samtal om fysisk aktivitet", "physical_activity", "qualified", False),
    ("DV200", "Fysisk aktivitet på recept (FaR)", "physical_activity", "prescription", False),
    ("DV141", "Enkla råd om matvanor", "diet", "simple", False),
    ("DV142", "Rådgivande samtal om matvanor", "diet", "advisory", False),
    ("DV143", "Kvalificerat rådgivande samtal om matvanor", "diet", "qualified", False),
]


def seed(apps, schema_editor):
    KvaCode = apps.get_model("visits", "KvaCode")
    ContactReason = apps.get_model("visits", "ContactReason")
    for code, text, habit, level, verified in KVA:
        KvaCode.objects.get_or_create(region=None, code=code, defaults={
            "text": text, "habit": habit, "level": level, "needs_verification": not verified, "active": True})
    if not ContactReason.objects.filter(region__isnull=True).exists():
        ContactReason.objects.create(region=None, text="Hälsosamtal", is_default=True, active=True, order=1)


def unseed(apps, schema_editor):
    apps.get_model("visits", "KvaCode").objects.filter(region__isnull=True, code__in=[k[0] for k in KVA]).delete()
    apps.get_model("visits", "ContactReason").objects.filter(region__isnull=True, text="Hälsosamtal").delete()


class Migration(migrations.Migration):
    dependencies = [("visits", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
