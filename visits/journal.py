"""The journal note for the EHR template "Riktat hälsosamtal primärvården" as text.

Always written in Swedish (the EHR's language), whatever language the nurse's screen uses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from visits.dialogue import ALL_DIAGNOSES
from visits.models import FollowUp, KvaCode, KvaLevel
from visits.summary import VisitSummary, build_summary


@dataclass(frozen=True)
class NoteContent:
    contact_reason: str
    diagnoses: list[tuple[str, str]]
    kva: list[tuple[str, str]]
    advice_text: str
    nurse: str
    date: dt.date


def kva_from_dialogue(summary: VisitSummary, codes: list[KvaCode]) -> list[KvaCode]:
    """The KVÅ codes of the advice given per habit, and physical activity on prescription when planned."""
    chosen = [g.advice for g in summary.goals if g.advice_id]
    if FollowUp.FAR in summary.visit.follow_up:
        chosen += [c for c in codes if c.level == KvaLevel.PRESCRIPTION][:1]
    seen, out = set(), []
    for code in chosen:
        if code.code not in seen:
            seen.add(code.code)
            out.append(code)
    return out


def diagnosis_pairs(codes: list[str]) -> list[tuple[str, str]]:
    return [(code, ALL_DIAGNOSES.get(code, "")) for code in codes]


def note_text(visit, content: NoteContent) -> str:
    with translation.override("sv"):
        summary = build_summary(visit, language="sv")
        text = render_to_string("visits/journal_note.txt", {"s": summary, "visit": visit, "note": content})
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:  # at most one empty line in a row
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"
