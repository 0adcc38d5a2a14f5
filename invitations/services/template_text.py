"""Rendering template texts safely: placeholders and simple filters only.

A template text is a Django template restricted to `{{ variable }}` and
`{{ variable|filter }}` with the filters in ALLOWED_FILTERS. Tags
(`{% ... %}`), attribute lookups (`{{ a.b }}`) and other filters are refused
when the text is saved and when it is rendered. Unknown placeholders render
empty. The result is plain text (no HTML escaping); pages that show it escape
it as any other text.
"""

from __future__ import annotations

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import FilterExpression, Lexer, Parser, TokenType
from django.utils.translation import gettext as _

PLACEHOLDERS = ("name", "unit", "unit_phone", "link", "deadline", "date", "time", "place")
ALLOWED_FILTERS = frozenset({"default", "upper", "lower", "capfirst", "title"})

_ENGINE = Engine(debug=False, string_if_invalid="", autoescape=False)


class TemplateTextError(ValueError):
    """The text uses something other than placeholders and simple filters."""


def check_template_text(source: str) -> None:
    parser = Parser([], libraries={}, builtins=_ENGINE.template_builtins)
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            raise TemplateTextError(
                _("Only placeholders such as {{ name }} are allowed, not {%% %(tag)s %%}.") % {"tag": token.contents}
            )
        if token.token_type != TokenType.VAR:
            continue
        try:
            expression = FilterExpression(token.contents, parser)
        except TemplateSyntaxError as exc:
            raise TemplateTextError(_("The placeholder {{ %(text)s }} is not valid: %(error)s")
                                    % {"text": token.contents, "error": exc}) from None
        variable = expression.var
        name = getattr(variable, "var", variable)
        if not isinstance(name, str) or "." in name:
            raise TemplateTextError(
                _("The placeholder {{ %(text)s }} is not allowed. Use one of: %(names)s.")
                % {"text": token.contents, "names": ", ".join(PLACEHOLDERS)}
            )
        for func, _args in expression.filters:
            if func.__name__ not in ALLOWED_FILTERS:
                raise TemplateTextError(
                    _("The filter %(filter)s is not allowed. Allowed filters: %(allowed)s.")
                    % {"filter": func.__name__, "allowed": ", ".join(sorted(ALLOWED_FILTERS))}
                )


def render_template_text(source: str, context: dict) -> str:
    check_template_text(source)
    values = {key: "" if value is None else str(value) for key, value in context.items()}
    return Template(source, engine=_ENGINE).render(Context(values, autoescape=False)).strip()


def unknown_placeholders(source: str) -> list[str]:
    """Placeholders in the text that the portal never fills (they would render empty)."""
    names = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.VAR:
            name = token.contents.split("|")[0].strip()
            if name not in PLACEHOLDERS and name not in names:
                names.append(name)
    return names
