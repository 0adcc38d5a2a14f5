"""Listens to population: people who leave a unit stop being invited; new regions get the default texts."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from invitations.services.participation import participations_exclude_for_persons
from invitations.services.templates import templates_seed_region
from population.models import Region
from population.signals import persons_left_unit


@receiver(persons_left_unit, dispatch_uid="invitations_exclude_left_persons")
def exclude_left_persons(sender, *, unit_id, person_ids, reason, now, actor, **kwargs):
    participations_exclude_for_persons(person_ids=person_ids, unit_id=unit_id, reason=reason, actor=actor, now=now)


@receiver(post_save, sender=Region, dispatch_uid="invitations_seed_region_templates")
def seed_new_region_templates(sender, *, instance, created, raw=False, **kwargs):
    """A new region starts with the default message texts (plain Swedish, English, Arabic)."""
    if created and not raw:
        templates_seed_region(region=instance)
