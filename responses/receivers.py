"""Listens to population: people who leave a unit lose their booked times at once (no message is sent)."""

from django.dispatch import receiver

from population.signals import persons_left_unit
from responses.services.ending import bookings_end_for_persons


@receiver(persons_left_unit, dispatch_uid="responses_end_bookings_of_left_persons")
def end_bookings_of_left_persons(sender, *, unit_id, person_ids, reason, now, actor, **kwargs):
    bookings_end_for_persons(person_ids=person_ids, unit_id=unit_id, actor=actor, now=now)
