"""Typed settings sections: plain frozen dataclasses whose fields carry their own rules.

A field's rules live in its metadata (see `setting`), so every section file states
what is valid next to the default, and one loader checks them all the same way.
"""
from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A configuration problem, worded as one line naming the file, the key and what is expected."""


@dataclass(frozen=True)
class Rule:
    help: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[Any, ...] | None = None
    pattern: str | None = None


def setting(default: Any = dataclasses.MISSING, *, help: str = "", min: float | None = None,
            max: float | None = None, choices: tuple | None = None, pattern: str | None = None):
    """A dataclass field with validation rules. No default means the key is required."""
    rule = Rule(help=help, min=min, max=max, choices=choices, pattern=pattern)
    if isinstance(default, (list, dict)):
        raise TypeError("use tuples for defaults")
    return dataclasses.field(default=default, metadata={"rule": rule})


def _type_name(tp: Any) -> str:
    if tp is type(None):
        return "nothing"
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"a list of {_type_name(typing.get_args(tp)[0])}"
    return {bool: "true or false", int: "a whole number", float: "a number", str: "a text in quotes",
            Path: "a path in quotes"}.get(tp, getattr(tp, "__name__", str(tp)))


class NotFinite(TypeError):
    """TOML's nan, inf and -inf: no setting means "never" or "not a number" (a nan timeout waits forever)."""


def _convert(value: Any, tp: Any) -> Any:
    """Returns value as tp, or raises TypeError. Strict: TOML types must match (an int is a float)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            try:
                return _convert(value, arg)
            except TypeError:
                continue
        raise TypeError
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError
        (item_tp, *_rest) = typing.get_args(tp)
        return tuple(_convert(v, item_tp) for v in value)
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise TypeError
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise TypeError
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise NotFinite
            return float(value)
        raise TypeError
    if tp is str:
        if isinstance(value, str):
            return value
        raise TypeError
    if tp is Path:
        if isinstance(value, str) and value:
            return Path(value)
        raise TypeError
    raise TypeError


def _expected(rule: Rule, tp: Any) -> str:
    parts = [_type_name(tp)]
    if rule.choices is not None:
        parts = ["one of " + ", ".join(repr(c) for c in rule.choices)]
    if rule.min is not None and rule.max is not None:
        parts.append(f"from {rule.min:g} to {rule.max:g}")
    elif rule.min is not None:
        parts.append(f"at least {rule.min:g}")
    elif rule.max is not None:
        parts.append(f"at most {rule.max:g}")
    if rule.help:
        parts.append(f"({rule.help})")
    return " ".join(parts)


def _key(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _toml(value: Any) -> str:
    """A value as written in TOML (Python would show nan, inf and lists differently)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def build_section(cls: type, raw: Any, where: str, source: str) -> Any:
    """Builds dataclass `cls` from the TOML table `raw`; `where` names the table, `source` the file."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: {where or 'the file'}: expected a table")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    _refuse_retired(cls, raw, where, source)
    for key in raw:
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ConfigError(f"{source}: {_key(where, key)}: unknown key (known keys: {known})")
    values = {}
    for name, f in fields.items():
        tp = hints[name]
        rule: Rule = f.metadata.get("rule", Rule())
        if dataclasses.is_dataclass(tp):
            values[name] = build_section(tp, raw.get(name, {}), _key(where, name), source)
            continue
        if name not in raw:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ConfigError(f"{source}: {_key(where, name)}: missing; expected {_expected(rule, tp)}")
            continue
        value = raw[name]
        try:
            value = _convert(value, tp)
        except NotFinite:
            raise ConfigError(f"{source}: {_key(where, name)} = {_toml(value)}: not a finite number; "
                              f"expected {_expected(rule, tp)}") from None
        except TypeError:
            raise ConfigError(f"{source}: {_key(where, name)} = {value!r}: wrong type; expected {_expected(rule, tp)}") from None
        _check_rule(value, rule, tp, f"{source}: {_key(where, name)} = {raw[name]!r}")
        values[name] = value
    return cls(**values)


def _refuse_retired(cls: type, raw: dict, where: str, source: str) -> None:
    """Keys (or `key=value` pairs) a section no longer takes, each refused with the one line that
    says what replaced it (a section lists them in its RETIRED class variable)."""
    for retired, instead in getattr(cls, "RETIRED", {}).items():
        key, _, value = retired.partition("=")
        if key in raw and (not value or raw[key] == value):
            shown = f" = {raw[key]!r}" if value else ""
            raise ConfigError(f"{source}: {_key(where, key)}{shown}: {instead}")


def _check_rule(value: Any, rule: Rule, tp: Any, prefix: str) -> None:
    bad = False
    if rule.choices is not None and value not in rule.choices:
        bad = True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if (rule.min is not None and value < rule.min) or (rule.max is not None and value > rule.max):
            bad = True
    if rule.pattern is not None and isinstance(value, str) and not re.fullmatch(rule.pattern, value):
        bad = True
    if bad:
        raise ConfigError(f"{prefix}: out of range; expected {_expected(rule, tp)}")
