"""Reads of the invitations app, always scoped to the user's (active) unit."""

from .rounds import (
    open_participation_count,
    participations_for_user,
    participations_of_person,
    participations_of_round,
    round_get_for_user,
    rounds_for_user,
    rounds_with_counts,
)

__all__ = [
    "open_participation_count",
    "participations_for_user",
    "participations_of_person",
    "participations_of_round",
    "round_get_for_user",
    "rounds_for_user",
    "rounds_with_counts",
]
