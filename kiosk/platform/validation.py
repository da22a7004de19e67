"""Checks a decoded JSON response field by field before anything is built from it.

A `Fields` wraps one JSON object and knows its path in the response ("applications[2]"), so a
missing field or a wrong type becomes InvalidResponse naming exactly that field instead of a
KeyError or a TypeError somewhere in a screen.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Callable, Iterator, TypeVar

from .errors import InvalidResponse

T = TypeVar("T")
_MISSING = object()
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Fields:
    def __init__(self, data: Any, path: str = "", endpoint: str = ""):
        self.path = path
        self.endpoint = endpoint
        if not isinstance(data, dict):
            raise InvalidResponse(path or "<body>", f"expected an object, got {_kind(data)}", endpoint)
        self._data = data

    def _where(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def _fail(self, name: str, problem: str) -> InvalidResponse:
        return InvalidResponse(self._where(name), problem, self.endpoint)

    def _get(self, name: str, optional: bool) -> Any:
        value = self._data.get(name, _MISSING)
        if value is _MISSING:
            if optional:
                return None
            raise self._fail(name, "missing")
        if value is None and not optional:
            raise self._fail(name, "null where a value is required")
        return value

    def text(self, name: str, *, optional: bool = False, non_empty: bool = True,
             pattern: str | None = None) -> str | None:
        value = self._get(name, optional)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self._fail(name, f"expected text, got {_kind(value)}")
        if non_empty and not value.strip():
            raise self._fail(name, "empty text")
        if pattern is not None and not re.fullmatch(pattern, value):
            raise self._fail(name, "text in an unexpected format")
        return value

    def integer(self, name: str, *, optional: bool = False, min: int | None = None) -> int | None:
        value = self._get(name, optional)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._fail(name, f"expected a whole number, got {_kind(value)}")
        if min is not None and value < min:
            raise self._fail(name, f"expected at least {min}")
        return value

    def number(self, name: str, *, optional: bool = False) -> float | None:
        value = self._get(name, optional)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._fail(name, f"expected a number, got {_kind(value)}")
        return float(value)

    def boolean(self, name: str, *, optional: bool = False) -> bool | None:
        value = self._get(name, optional)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self._fail(name, f"expected true or false, got {_kind(value)}")
        return value

    def choice(self, name: str, choices: tuple[str, ...] | frozenset[str], *, optional: bool = False) -> str | None:
        value = self.text(name, optional=optional)
        if value is not None and value not in choices:
            raise self._fail(name, f"unknown value {value!r}")
        return value

    def day(self, name: str, *, optional: bool = False) -> date | None:
        value = self.text(name, optional=optional)
        if value is None:
            return None
        if not _DATE.fullmatch(value):
            raise self._fail(name, "expected a date YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self._fail(name, "not a calendar date") from None

    def moment(self, name: str, *, optional: bool = False) -> datetime | None:
        """An ISO 8601 date-time with a UTC offset (a time without one is ambiguous, so rejected)."""
        value = self.text(name, optional=optional)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self._fail(name, "expected an ISO 8601 date-time") from None
        if parsed.tzinfo is None:
            raise self._fail(name, "date-time without a UTC offset")
        return parsed

    def obj(self, name: str, *, optional: bool = False) -> "Fields | None":
        value = self._get(name, optional)
        if value is None:
            return None
        return Fields(value, self._where(name), self.endpoint)

    def items(self, name: str, *, optional: bool = False) -> Iterator["Fields"]:
        """The objects of a list field, each wrapped with its index in the path."""
        for index, value in enumerate(self._list(name, optional)):
            yield Fields(value, f"{self._where(name)}[{index}]", self.endpoint)

    def texts(self, name: str, *, optional: bool = False) -> tuple[str, ...]:
        values = self._list(name, optional)
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise InvalidResponse(f"{self._where(name)}[{index}]", f"expected text, got {_kind(value)}",
                                      self.endpoint)
        return tuple(values)

    def _list(self, name: str, optional: bool) -> list:
        value = self._get(name, optional)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._fail(name, f"expected a list, got {_kind(value)}")
        return value

    def build(self, name: str, builder: Callable[["Fields"], T]) -> tuple[T, ...]:
        return tuple(builder(f) for f in self.items(name))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)
