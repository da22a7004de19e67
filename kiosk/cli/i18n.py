"""`kiosk i18n`: the message catalogues, for developers and the bureau's translator.

  missing LANG              the keys still to translate, with the Chinese text
  status                    each language: translated citizen-facing messages, and whether it is offered
  export LANG --out FILE    the file to translate (translations kept, new messages empty, removed ones #~)
  import LANG FILE          check a translated file and install it; refused whole on any error
  proof LANG --out DIR      the screens in that language, one PNG per state, to check on paper
  update                    after adding, changing or removing a message: notes written again, every
                            language's catalogue merged with the template
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, load_language, missing_keys
from ..i18n.catalogue_files import CATALOGUES

TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
EXIT_REFUSED = 1
EXIT_UNUSABLE = 2


def _missing(args) -> int:
    source = load_language(SOURCE_LANGUAGE)
    keys = missing_keys(args.language)
    for key in keys:
        print(f"{key}\t{source[key]}")
    print(f"{len(keys)} of {len(source)} messages untranslated in {args.language}", file=sys.stderr)
    return 0


def _status(args) -> int:
    from .common import load_or_explain
    from ..i18n.offer import coverage, offered_languages

    config = load_or_explain(args.config)
    if config is None:
        return EXIT_UNUSABLE
    offer_at = config.i18n.offer_at
    offered = offered_languages(offer_at, args.catalogues)
    for language in LANGUAGES:
        done, total = coverage(language, args.catalogues)
        state = "offered" if language in offered else f"not offered (needs {offer_at:.0%})"
        print(f"{language}\t{done}/{total} citizen-facing messages\t{state}")
    return 0


def _export(args) -> int:
    from ..i18n.transfer import export

    done, total, obsolete = export(args.language, args.out, args.catalogues)
    print(f"kiosk i18n: {args.out}: {done} of {total} messages translated, {total - done} to do"
          + (f", {obsolete} obsolete (#~)" if obsolete else ""), file=sys.stderr)
    return 0


def _import(args) -> int:
    from babel.messages.pofile import PoFileError

    from ..i18n.transfer import import_file
    from .i18n_fit import ScreenFit

    if not args.file.is_file():
        print(f"kiosk i18n import: {args.file}: no such file", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        result = import_file(args.language, args.file, ScreenFit(args.language), args.catalogues)
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        print(f"kiosk i18n import: {args.file}: not a PO file the kiosk can read ({exc}); "
              "export a fresh one with `kiosk i18n export`", file=sys.stderr)
        return EXIT_UNUSABLE
    for problem in result.problems:
        print(f"kiosk i18n import: {problem}", file=sys.stderr)
    if result.problems:
        print(f"kiosk i18n import: {args.file} refused: {len(result.problems)} problem(s); nothing installed. "
              "Correct the messages named above and import the whole file again.", file=sys.stderr)
        return EXIT_REFUSED
    print(f"kiosk i18n import: installed {result.installed}: {result.translated} of {result.total} "
          f"messages translated in {args.language}", file=sys.stderr)
    return 0


def _proof_texts(args) -> dict[str, str] | None:
    if args.pseudo:
        from ..i18n.pseudo import pseudo_catalogue
        return pseudo_catalogue(load_language(SOURCE_LANGUAGE, args.catalogues))
    if args.po:
        from ..i18n.transfer import submitted
        source = load_language(SOURCE_LANGUAGE, args.catalogues)
        messages, _ = submitted(args.po, args.language)
        return {m.key: m.text for m in messages
                if m.key in source and m.source == source[m.key] and m.text.strip() and not m.fuzzy}
    return None


def _proof(args) -> int:
    import os

    from .common import load_or_explain
    from .tour import TOUR_MOMENT, freeze_platform_day, tour_config

    config = load_or_explain(args.config)
    if config is None:
        return EXIT_UNUSABLE
    texts = _proof_texts(args)
    shown_texts = texts if texts is not None else load_language(args.language, args.catalogues)
    width, height = args.size
    out = args.out / f"{width}x{height}"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-proof-"))
    from ..logs import setup_logging
    setup_logging(scratch / "log", "INFO", console=False)
    from ..platform.models import CHINA_TZ
    from ..testing.clock import ManualClock
    from ..testing.harness import HeadlessKiosk
    from ..testing.tour_language import LanguageTour

    moment = datetime(*TOUR_MOMENT, tzinfo=CHINA_TZ)
    clock = ManualClock()
    kiosk = HeadlessKiosk(tour_config(config, (width, height), scratch), clock=clock, start_devices=True,
                          now=lambda: moment)
    try:
        freeze_platform_day(kiosk.simulated.platform, moment.date(), config.platform.satisfaction_codes)
        tour = LanguageTour(kiosk, out, args.language, texts)
        tour.prepare(shown_texts)
        tour.run_language(clock)
    finally:
        kiosk.close()
        shutil.rmtree(scratch, ignore_errors=True)
    index = args.out / f"messages-{width}x{height}.txt"
    lines = [f"{key}\t{', '.join(tour.shown[key]) if key in tour.shown else 'not on these screens: check it in the file'}"
             f"\t{text}" for key, text in sorted(shown_texts.items())]
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for failure in tour.failed:
        print(f"kiosk i18n proof: walk not drawn: {failure}", file=sys.stderr)
    for state, problems in tour.result.problems.items():
        for problem in problems:
            print(f"kiosk i18n proof: {state}: {problem}", file=sys.stderr)
    seen = sum(1 for key in shown_texts if key in tour.shown)
    print(f"kiosk i18n proof: {len(tour.result.written)} screens in {out}; {seen} of {len(shown_texts)} "
          f"translated messages shown; the list: {index}", file=sys.stderr)
    return 1 if tour.failed or tour.result.problems else 0


def _update(args) -> int:
    from ..i18n.catalogues import refresh_catalogues

    for path in refresh_catalogues(LANGUAGES, args.catalogues):
        print(path)
    return 0


def _size(text: str) -> tuple[int, int]:
    from .tour import size
    return size(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="kiosk i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalogues", type=Path, default=CATALOGUES, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="action", required=True)
    missing = sub.add_parser("missing", help="list untranslated keys as KEY<TAB>Chinese text")
    missing.add_argument("language", choices=TRANSLATED)
    status = sub.add_parser("status", help="translated citizen-facing messages per language, and which are offered")
    exporting = sub.add_parser("export", help="write the file to translate")
    exporting.add_argument("language", choices=TRANSLATED)
    exporting.add_argument("--out", type=Path, required=True, metavar="FILE.po")
    importing = sub.add_parser("import", help="check a translated file and install it (all or nothing)")
    importing.add_argument("language", choices=TRANSLATED)
    importing.add_argument("file", type=Path, metavar="FILE.po")
    proof = sub.add_parser("proof", help="the screens in a language, one PNG per state")
    proof.add_argument("language", choices=TRANSLATED)
    proof.add_argument("--out", type=Path, required=True, metavar="DIR")
    proof.add_argument("--size", type=_size, default=(1080, 1920), metavar="WxH")
    shown = proof.add_mutually_exclusive_group()
    shown.add_argument("--po", type=Path, metavar="FILE.po", help="show this file's translations (not installed)")
    shown.add_argument("--pseudo", action="store_true", help="show the pseudo-locale x-mn-pseudo (layout proof)")
    sub.add_parser("update", help="notes and every catalogue brought up to date with the template")
    from .common import add_config_option
    for command in (status, proof):
        add_config_option(command)
    args = parser.parse_args(argv)
    return {"missing": _missing, "status": _status, "export": _export, "import": _import,
            "proof": _proof, "update": _update}[args.action](args)
