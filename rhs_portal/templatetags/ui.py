"""Template tags for the shared components (sortable headers, formatting)."""

from django import template
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from population.contact import format_phone, format_postal_code
from population.personnummer import format_personnummer

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str):
    """A column header link that sorts by `key`, with aria-sort for screen readers."""
    request = context["request"]
    sort = context.get("sort")
    params = request.GET.copy()
    params.pop("page", None)
    active = sort is not None and sort.key == key
    next_desc = active and not sort.descending
    params["sort"] = f"-{key}" if next_desc else key
    if active:
        aria = "descending" if sort.descending else "ascending"
        arrow = "▼" if sort.descending else "▲"
    else:
        aria, arrow = "none", ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}" class="sort-link">{} <span aria-hidden="true">{}</span></a></th>',
        aria,
        urlencode(sorted(params.lists()), doseq=True),
        label,
        arrow,
    )


@register.filter
def pnr(value: str) -> str:
    return format_personnummer(value or "")


@register.filter
def phone(value: str) -> str:
    return format_phone(value or "")


@register.filter
def postcode(value: str) -> str:
    return format_postal_code(value or "")


@register.simple_tag
def yes_no(value) -> str:
    return _("Yes") if value else _("No")
