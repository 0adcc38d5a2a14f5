"""Signals the questionnaire sends; the apps that know the participation listen (questionnaire imports none of them)."""

from django.dispatch import Signal

# The answers are handed in (or closed at the visit without being handed in): response, now.
response_handed_in = Signal()
