"""Sorting and paging of staff list pages, shared by every table."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PAGE_SIZES = (25, 50, 100)


@dataclass(frozen=True)
class Sort:
    key: str
    descending: bool

    @property
    def param(self) -> str:
        return f"-{self.key}" if self.descending else self.key


def apply_sort(request, queryset: QuerySet, columns: dict[str, str | tuple[str, ...]], default: str):
    """Order by the `sort` query parameter (a key of `columns`, '-' for descending)."""
    raw = request.GET.get("sort", default)
    descending = raw.startswith("-")
    key = raw.lstrip("-")
    if key not in columns:
        descending = default.startswith("-")
        key = default.lstrip("-")
    fields = columns[key]
    fields = (fields,) if isinstance(fields, str) else fields
    order = [f"-{f}" if descending else f for f in fields]
    return queryset.order_by(*order, "-pk" if descending else "pk"), Sort(key, descending)


def paginate(request, queryset, *, per_page: int = 25) -> Page:
    try:
        size = int(request.GET.get("per_page", per_page))
    except ValueError:
        size = per_page
    if size not in PAGE_SIZES:
        size = per_page
    return Paginator(queryset, size).get_page(request.GET.get("page"))
