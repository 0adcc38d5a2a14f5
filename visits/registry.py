"""A list of functions other apps register (lab results, booked times): the hooks visits offers."""

from __future__ import annotations

from collections.abc import Callable


class Registry:
    def __init__(self) -> None:
        self._functions: list[Callable] = []

    def register(self, function: Callable) -> Callable:
        """Add `function` (usable as a decorator); the same function registered twice is kept once."""
        if not any(f.__module__ == function.__module__ and f.__qualname__ == function.__qualname__
                   for f in self._functions):
            self._functions.append(function)
        return function

    def unregister(self, function: Callable) -> None:
        self._functions[:] = [f for f in self._functions if f is not function]

    def __iter__(self):
        return iter(list(self._functions))
