"""Telling the user what a form found wrong when the page redirects instead of showing the form again."""

from django.contrib import messages


def form_errors_to_messages(request, form) -> None:
    """Each of the form's errors as an error message on the next page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
