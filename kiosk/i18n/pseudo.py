"""A pseudo-locale that proves layouts for Mongolian without pretending to be a translation.

`x-mn-pseudo` is built here in code, never a catalogue file, never in LANGUAGES, never offered
to citizens and never shipped as `mn`. Each text is a string of CLDR's Mongolian words (month
and weekday names and the language's own name, from kiosk.i18n.locale_data) drawn in an order
fixed by the message id, between square brackets, so nobody can take it for Mongolian prose
and a cut end shows at once. Placeholders of the Chinese source are kept, in order, so the
screens format it as they format the source.

Its length: the Chinese source's visual length (ems, measured with the bundled faces) times
EXPANSION. 1.5 is a stress factor chosen for proofs, not a measured ratio: a real translation's
length is the translator's; the import checks each real text against its box anyway.
"""
from __future__ import annotations

import hashlib
import random
import string
from functools import lru_cache
from typing import Callable, Mapping

from ..paths import FONTS
from .locale_data import cldr_words
from .vertical import MONG, runs_of

PSEUDO_LANGUAGE = "x-mn-pseudo"
EXPANSION = 1.5
OPEN, CLOSE = "[", "]"
_EM = 64          # the pixel size lengths are measured at; results are in ems

# text -> length in ems
Measure = Callable[[str], float]


@lru_cache(maxsize=2)
def _font(name: str):
    from PIL import ImageFont
    return ImageFont.truetype(str(FONTS / name), _EM, layout_engine=ImageFont.Layout.RAQM)


def shaped_length(text: str) -> float:
    """Length in ems with the bundled faces, shaped (HarfBuzz through Pillow's raqm): Mongolian
    letters with Noto Sans Mongolian, everything else with the Chinese face."""
    total = 0.0
    for kind, run in runs_of(text):
        face = "NotoSansMongolian-Regular.ttf" if kind == MONG else "NotoSansCJKsc-Regular.otf"
        total += _font(face).getlength(run, features=None) / _EM
    return total


def _fields(source: str) -> list[tuple[str, str | None]]:
    """(literal text, placeholder as written or None), in order."""
    parts = []
    for literal, name, spec, conversion in string.Formatter().parse(source):
        field = None
        if name is not None:
            field = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        parts.append((literal, field))
    return parts


def _words_for(target: float, rng: random.Random, words: tuple[str, ...], measure: Measure) -> list[str]:
    chosen: list[str] = []
    while not chosen or measure(" ".join(chosen)) < target:
        chosen.append(rng.choice(words))
    return chosen


def pseudo_text(message_id: str, source: str, expansion: float = EXPANSION,
                measure: Measure = shaped_length) -> str:
    """The pseudo text for one message: CLDR words, about `expansion` times the source's length,
    the source's placeholders and line breaks in place, bracketed."""
    if not source.strip():
        return source
    rng = random.Random(hashlib.sha256(message_id.encode("utf-8")).digest())
    words = cldr_words("mn")
    out = []
    for literal, field in _fields(source):
        lines = literal.split("\n")
        pieces = []
        for line in lines:
            stripped = line.strip()
            pieces.append(" ".join(_words_for(measure(stripped) * expansion, rng, words, measure)) if stripped else "")
        # a placeholder keeps a space from the words around it, as it would in the translation
        text = "\n".join(pieces)
        if text and field is not None:
            text += " "
        if out and text and not out[-1].endswith(("\n", " ")):
            text = " " + text
        out.append(text + (field or ""))
    return OPEN + "".join(out).strip(" ") + CLOSE


def pseudo_catalogue(source: Mapping[str, str], expansion: float = EXPANSION,
                     measure: Measure = shaped_length) -> dict[str, str]:
    """Every message of a source catalogue (Chinese) as pseudo text."""
    return {key: pseudo_text(key, text, expansion, measure) for key, text in source.items()}
