"""Reads of letter batches and their letters, scoped to the user's active unit."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from invitations.models import Letter, LetterBatch
from invitations.selectors.rounds import _unit_ids
from population.models import CareUnit, StaffUser
from rhs_portal.roles import Capability


def letter_batches_for_user(*, user: StaffUser, unit: CareUnit) -> QuerySet[LetterBatch]:
    return LetterBatch.objects.filter(
        unit__in=_unit_ids(user=user, unit=unit, capability=Capability.CASE_HANDLE)
    ).select_related("created_by", "printed_by", "handed_over_by")


def letter_batch_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> LetterBatch:
    return get_object_or_404(letter_batches_for_user(user=user, unit=unit).select_related("unit"), pk=pk)


def letters_of(batch: LetterBatch) -> QuerySet[Letter]:
    return batch.letters.select_related("contact__participation__person").order_by("position")


def letter_get_for_user(*, user: StaffUser, unit: CareUnit, pk: int) -> Letter:
    letters = Letter.objects.filter(
        batch__unit__in=_unit_ids(user=user, unit=unit, capability=Capability.CASE_HANDLE)
    ).select_related("batch__unit__region", "contact__participation__person", "contact__participation__round")
    return get_object_or_404(letters, pk=pk)
