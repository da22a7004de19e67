"""The platform simulator's answer to Accept-Language (kiosk/platform/openapi.yaml, "Language of
the platform's texts"): the platform's texts in the pseudo-locale x-mn-pseudo when a terminal asks
for it first, its Chinese (labelled zh-CN) for any other language, as a platform without
translations answers. The pseudo texts are CLDR's Mongolian words (kiosk/i18n/pseudo.py), never a
translation; codes, statuses, dates, masked names, the rating levels' names and the comment
phrases (a phrase becomes the citizen's comment) stay as they are.
"""
from __future__ import annotations

import copy
from typing import Any

from ..i18n.pseudo import PSEUDO_LANGUAGE, pseudo_text

CHINESE = "zh-CN"
# The operations whose answers carry the platform's texts, and the keys holding them.
LOCALISED: dict[str, frozenset[str]] = {
    "applications.query": frozenset({"item_name", "department_name", "note"}),
    "applications.get": frozenset({"item_name", "department_name", "note"}),
    "catalogue.get": frozenset({"name", "item_name", "department_name"}),
    "rating_options.get": frozenset({"text"}),
}


def answer_language(accept_language: str) -> str:
    """The language the simulator answers in: x-mn-pseudo when it is the first range asked for."""
    first = accept_language.split(",")[0].split(";")[0].strip().lower()
    return PSEUDO_LANGUAGE if first == PSEUDO_LANGUAGE else CHINESE


def in_language(operation: str, payload: Any, language: str) -> Any:
    """The answer with its texts in `language` (a copy; the simulator's data is not changed)."""
    keys = LOCALISED.get(operation)
    if keys is None or language != PSEUDO_LANGUAGE:
        return payload
    payload = copy.deepcopy(payload)
    _translate(payload, keys, "")
    return payload


def _translate(node: Any, keys: frozenset[str], path: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}"
            # a rating level's name identifies it (sent back in a submission) and a comment phrase
            # becomes the citizen's own comment: never changed
            kept = (key == "name" and "levels" in path) or "phrases" in where
            if isinstance(value, str) and key in keys and value and not kept:
                node[key] = pseudo_text(where.strip("."), value)
            else:
                _translate(value, keys, where)
    elif isinstance(node, list):
        for item in node:
            _translate(item, keys, path)
