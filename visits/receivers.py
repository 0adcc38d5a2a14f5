"""What visits does when the questionnaire (which knows no participation model) reports something."""

from __future__ import annotations

from invitations.services.participation import participation_milestone


def stamp_questionnaire_handed_in(sender, *, response, now, **kwargs) -> None:
    """The participation's "questionnaire answered" milestone, for the statistics."""
    participation_milestone(participation_id=response.participation_id, milestone="questionnaire_at", now=now)
