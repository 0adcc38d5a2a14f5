"""Listens to population: people who leave a unit stop being invited at once."""

from django.dispatch import receiver

from invitations.services.participation import participations_exclude_for_persons
from population.signals import persons_left_unit


@receiver(persons_left_unit, dispatch_uid="invitations_exclude_left_persons")
def exclude_left_persons(sender, *, unit_id, person_ids, reason, now, actor, **kwargs):
    participations_exclude_for_persons(person_ids=person_ids, unit_id=unit_id, reason=reason, actor=actor, now=now)
