"""The citizen's summary as PDF: plain Swedish (or the person's language), what each row means, the goals."""

from __future__ import annotations

from django.utils import timezone, translation

from rhs_portal.pdf import render_pdf
from visits.summary import build_summary

LANGUAGES = ("sv", "en", "ar")


def summary_context(visit, *, language: str) -> dict:
    summary = build_summary(visit, language=language)
    return {"s": summary, "visit": visit, "person": visit.person, "unit": visit.unit,
            "date": timezone.localdate(visit.started_at), "language": language}


def summary_pdf(visit, *, language: str = "sv") -> bytes:
    language = language if language in LANGUAGES else "sv"
    with translation.override(language):
        return render_pdf("visits/summary.pdf.html", summary_context(visit, language=language))
